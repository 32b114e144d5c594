"""Text for benchmark data: Russian and English posts on the alliance's subjects.

Bodies mix the demo conversations (forum, chat, library) with sentences built from the
subject vocabulary of the search benchmark, with the Markdown members use (emphasis, lists,
quotes, links), so rendered pages and search documents look like the real archive."""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import EN, RU  # noqa: E402

RU_FRAMES = [
    "У нас в районе {a} и {b} работают вместе уже второй год, но {c} по-прежнему остаётся слабым местом.",
    "Подскажите, пожалуйста, кто уже сталкивался с вопросом «{a}»? Нам важно понять, как {b} влияет на {c}.",
    "По нашим данным, {a} встречается чаще, чем принято считать; {b} помогает, если {c} доступна круглосуточно.",
    "Мы подготовили памятку про {a} и {b}: её можно раздавать в школах и поликлиниках.",
    "Коллеги, на следующей неделе проводим тренинг: {a}, {b}, {c}. Приглашаем всех, кто работает с пострадавшими.",
    "Главная сложность — {a}: без неё {b} и {c} не дают устойчивого результата.",
]
EN_FRAMES = [
    "In our district {a} and {b} have worked together for two years, but {c} is still the weak point.",
    "Has anyone dealt with {a} recently? We need to understand how {b} affects {c}.",
    "Our data show that {a} is more common than assumed; {b} helps when {c} is available around the clock.",
    "We prepared a leaflet on {a} and {b} that schools and clinics can hand out.",
    "Next week we run a training on {a}, {b} and {c} for everyone who works with survivors.",
    "The main difficulty is {a}: without it, {b} and {c} do not last.",
]
TITLE_RU = [
    "Как организовать {a} в сельских районах",
    "{A}: опыт и вопросы",
    "Нужен совет: {a} и {b}",
    "Практика: {a} после изменений закона",
]
TITLE_EN = [
    "Organising {a} in rural districts",
    "{A}: experience and questions",
    "Advice needed on {a} and {b}",
    "What works for {a} after the new law",
]


def _phrase(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))


def _sentence(rng: random.Random, russian: bool) -> str:
    words, frames = (RU, RU_FRAMES) if russian else (EN, EN_FRAMES)
    return rng.choice(frames).format(a=_phrase(rng, words), b=_phrase(rng, words), c=_phrase(rng, words))


def demo_paragraphs() -> list[str]:
    """The demo seeding's conversations, so generated pages read like the demo."""
    paragraphs = []
    try:
        from forum.demo import THREADS

        for thread in THREADS:
            paragraphs.append(thread[4])
            paragraphs.extend(body for _author, body in thread[7])
    except (ImportError, IndexError, ValueError):  # pragma: no cover - demo content changed shape
        pass
    try:
        from chat import demo as chat_demo

        for name in ("REGIONAL", "COUNTRY_KZ", "PRIVATE", "DIRECT"):
            for row in getattr(chat_demo, name, []):
                text = row[-1] if isinstance(row, tuple) else row
                if isinstance(text, str):
                    paragraphs.append(text)
    except ImportError:  # pragma: no cover
        pass
    try:
        from resources.demo import DEMO_RESOURCES

        paragraphs.extend(item["description"] for item in DEMO_RESOURCES if item.get("description"))
    except ImportError:  # pragma: no cover
        pass
    return [p for p in paragraphs if isinstance(p, str) and p.strip()]


def body(rng: random.Random, demo: list[str]) -> str:
    russian = rng.random() < 0.6
    parts = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.25 and demo:
            parts.append(rng.choice(demo))
        elif kind < 0.35:
            parts.append("\n".join(f"- {_phrase(rng, RU if russian else EN)}" for _ in range(rng.randint(2, 4))))
        elif kind < 0.42:
            parts.append("> " + _sentence(rng, russian))
        else:
            text = " ".join(_sentence(rng, russian) for _ in range(rng.randint(1, 4)))
            if rng.random() < 0.3:
                word = rng.choice(RU if russian else EN)
                text = text.replace(word, f"**{word}**", 1)
            if rng.random() < 0.1:
                text += " [https://example.org/guidance](https://example.org/guidance)"
            parts.append(text)
    return "\n\n".join(parts)


def body_pool(rng: random.Random, size: int) -> list[str]:
    demo = demo_paragraphs()
    return [body(rng, demo) for _ in range(size)]


def title_pool(rng: random.Random, size: int) -> list[str]:
    titles = []
    for _ in range(size):
        russian = rng.random() < 0.6
        words, frames = (RU, TITLE_RU) if russian else (EN, TITLE_EN)
        a, b = _phrase(rng, words), _phrase(rng, words)
        titles.append(rng.choice(frames).format(a=a, A=a.capitalize(), b=b))
    return titles
