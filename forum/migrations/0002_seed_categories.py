from django.db import migrations

# slug, English name, Russian name, English description, Russian description, country, access
CATEGORIES = [
    (
        "general",
        "General discussion",
        "Общее обсуждение",
        "Questions and news that fit nowhere else.",
        "Вопросы и новости, которым не нашлось другого места.",
        None,
        "open",
    ),
    (
        "prevention",
        "Prevention",
        "Профилактика",
        "Stopping violence before it starts: RESPECT strategies, campaigns, schools and communities.",
        "Предотвращение насилия: стратегии RESPECT, кампании, школы и сообщества.",
        None,
        "open",
    ),
    (
        "survivor-services",
        "Survivor services",
        "Услуги для пострадавших",
        "Shelters, crisis centres, hotlines, health and psychosocial support.",
        "Убежища, кризисные центры, горячие линии, медицинская и психосоциальная помощь.",
        None,
        "open",
    ),
    (
        "access-to-justice",
        "Access to justice",
        "Доступ к правосудию",
        "Police, courts, protection orders and legal aid.",
        "Полиция, суды, охранные ордера и юридическая помощь.",
        None,
        "open",
    ),
    (
        "laws-and-policy",
        "Laws and policy",
        "Законы и политика",
        "Legislation, national action plans and advocacy.",
        "Законодательство, национальные планы действий и адвокация.",
        None,
        "open",
    ),
    (
        "data-and-research",
        "Data and research",
        "Данные и исследования",
        "Surveys, administrative data, evidence reviews and methods.",
        "Опросы, административные данные, обзоры доказательств и методы.",
        None,
        "open",
    ),
    (
        "youth",
        "Youth",
        "Молодёжь",
        "Young people's organisations, schools and universities.",
        "Молодёжные организации, школы и университеты.",
        None,
        "open",
    ),
    ("kazakhstan", "Kazakhstan", "Казахстан", "", "", "kz", "open"),
    ("kyrgyzstan", "Kyrgyzstan", "Кыргызстан", "", "", "kg", "open"),
    ("tajikistan", "Tajikistan", "Таджикистан", "", "", "tj", "open"),
    ("turkmenistan", "Turkmenistan", "Туркменистан", "", "", "tm", "open"),
    ("uzbekistan", "Uzbekistan", "Узбекистан", "", "", "uz", "open"),
    ("afghanistan", "Afghanistan", "Афганистан", "", "", "af", "open"),
    (
        "alliance-coordination",
        "Alliance coordination",
        "Координация альянса",
        "Planning and coordination among the alliance's moderators.",
        "Планирование и координация между модераторами альянса.",
        None,
        "moderators",
    ),
]


def seed(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    Country = apps.get_model("taxonomy", "Country")
    countries = {country.slug: country for country in Country.objects.all()}
    for position, (slug, name_en, name_ru, desc_en, desc_ru, country, access) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_ru": name_ru,
                "description_en": desc_en,
                "description_ru": desc_ru,
                "country": countries.get(country) if country else None,
                "access": access,
                "position": position * 10,
            },
        )


def unseed(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    # Categories that hold threads stay: removing the seed must never remove members' posts.
    Category.objects.filter(slug__in=[row[0] for row in CATEGORIES], threads__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial"), ("taxonomy", "0002_seed_terms")]
    operations = [migrations.RunPython(seed, unseed)]
