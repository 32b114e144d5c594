"""The alliance's open and country chat rooms named in every interface language other than
English and Russian (rooms members create keep the name they were given).

Forward adds a name only where the language's key is missing or empty, so a moderator's later edit
wins; backward removes the names that still read as written here. Rooms that are gone are skipped,
and running it again changes nothing (tests/conftest.py re-runs it after every flush).
"""

from django.db import migrations

from taxonomy.names import fill_names, remove_names

NAMES = {
    "regional-exchange": {
        "kk": "Өңірлік алмасу",
        "ky": "Аймактык алмашуу",
        "tg": "Мубодилаи минтақавӣ",
        "uz": "Mintaqaviy almashinuv",
        "uz-cyrl": "Минтақавий алмашинув",
        "tk": "Sebitleýin pikir alyşma",
        "fa-af": "تبادل منطقه‌ای",
        "ps": "سیمه‌ییز تبادل",
    },
    "laws-policies": {
        "kk": "Заңдар мен саясат",
        "ky": "Мыйзамдар жана саясат",
        "tg": "Қонунҳо ва сиёсат",
        "uz": "Qonunlar va siyosat",
        "uz-cyrl": "Қонунлар ва сиёсат",
        "tk": "Kanunlar we syýasat",
        "fa-af": "قوانین و پالیسی‌ها",
        "ps": "قوانین او پالیسۍ",
    },
    "institutions": {
        "kk": "Институттар",
        "ky": "Институттар",
        "tg": "Ниҳодҳо",
        "uz": "Institutlar",
        "uz-cyrl": "Институтлар",
        "tk": "Institutlar",
        "fa-af": "نهادها",
        "ps": "بنسټونه",
    },
    "prevention": {
        "kk": "Алдын алу",
        "ky": "Алдын алуу",
        "tg": "Пешгирӣ",
        "uz": "Oldini olish",
        "uz-cyrl": "Олдини олиш",
        "tk": "Öňüni alyş",
        "fa-af": "پیشگیری",
        "ps": "مخنیوی",
    },
    "essential-services": {
        "kk": "Негізгі қызметтер",
        "ky": "Негизги кызматтар",
        "tg": "Хизматрасониҳои асосӣ",
        "uz": "Asosiy xizmatlar",
        "uz-cyrl": "Асосий хизматлар",
        "tk": "Esasy hyzmatlar",
        "fa-af": "خدمات اساسی",
        "ps": "اړین خدمتونه",
    },
    "quality-data": {
        "kk": "Сапалы деректер",
        "ky": "Сапаттуу маалыматтар",
        "tg": "Маълумоти босифат",
        "uz": "Sifatli maʼlumotlar",
        "uz-cyrl": "Сифатли маълумотлар",
        "tk": "Hilli maglumatlar",
        "fa-af": "معلومات باکیفیت",
        "ps": "باکیفیته معلومات",
    },
    "civil-society": {
        "kk": "Азаматтық қоғам және әйелдер қозғалысы",
        "ky": "Жарандык коом жана аялдар кыймылы",
        "tg": "Ҷомеаи шаҳрвандӣ ва ҷунбиши занон",
        "uz": "Fuqarolik jamiyati va xotin-qizlar harakati",
        "uz-cyrl": "Фуқаролик жамияти ва хотин-қизлар ҳаракати",
        "tk": "Raýat jemgyýeti we aýallar hereketi",
        "fa-af": "جامعهٔ مدنی و جنبش زنان",
        "ps": "مدني ټولنه او د ښځو غورځنګ",
    },
    "country-kz": {
        "kk": "Қазақстан",
        "ky": "Казакстан",
        "tg": "Қазоқистон",
        "uz": "Qozogʻiston",
        "uz-cyrl": "Қозоғистон",
        "tk": "Gazagystan",
        "fa-af": "قزاقستان",
        "ps": "قزاقستان",
    },
    "country-kg": {
        "kk": "Қырғызстан",
        "ky": "Кыргызстан",
        "tg": "Қирғизистон",
        "uz": "Qirgʻiziston",
        "uz-cyrl": "Қирғизистон",
        "tk": "Gyrgyzystan",
        "fa-af": "قرغیزستان",
        "ps": "قرغزستان",
    },
    "country-tj": {
        "kk": "Тәжікстан",
        "ky": "Тажикстан",
        "tg": "Тоҷикистон",
        "uz": "Tojikiston",
        "uz-cyrl": "Тожикистон",
        "tk": "Täjigistan",
        "fa-af": "تاجیکستان",
        "ps": "تاجکستان",
    },
    "country-tm": {
        "kk": "Түрікменстан",
        "ky": "Түркмөнстан",
        "tg": "Туркманистон",
        "uz": "Turkmaniston",
        "uz-cyrl": "Туркманистон",
        "tk": "Türkmenistan",
        "fa-af": "ترکمنستان",
        "ps": "ترکمنستان",
    },
    "country-uz": {
        "kk": "Өзбекстан",
        "ky": "Өзбекстан",
        "tg": "Ӯзбекистон",
        "uz": "Oʻzbekiston",
        "uz-cyrl": "Ўзбекистон",
        "tk": "Özbegistan",
        "fa-af": "ازبکستان",
        "ps": "ازبکستان",
    },
    "country-af": {
        "kk": "Ауғанстан",
        "ky": "Афганистан",
        "tg": "Афғонистон",
        "uz": "Afgʻoniston",
        "uz-cyrl": "Афғонистон",
        "tk": "Owganystan",
        "fa-af": "افغانستان",
        "ps": "افغانستان",
    },
}


def _rooms(apps):
    return apps.get_model("chat", "Room").objects.filter(kind__in=["open", "country"])


def seed(apps, schema_editor):
    fill_names(_rooms(apps), "names", NAMES)


def unseed(apps, schema_editor):
    remove_names(_rooms(apps), "names", NAMES)


class Migration(migrations.Migration):
    dependencies = [("chat", "0007_names_in_every_language")]

    operations = [migrations.RunPython(seed, unseed)]
