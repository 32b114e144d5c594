"""Seed the taxonomy from the product brief. Reversible: removing it deletes these codes only."""

from django.db import migrations

COUNTRIES = [
    ("kz", "Kazakhstan", "Казахстан"),
    ("kg", "Kyrgyzstan", "Кыргызстан"),
    ("tj", "Tajikistan", "Таджикистан"),
    ("tm", "Turkmenistan", "Туркменистан"),
    ("uz", "Uzbekistan", "Узбекистан"),
    ("af", "Afghanistan", "Афганистан"),
    ("regional", "Regional (Central Asia)", "Региональный (Центральная Азия)"),
    ("global", "Global / international", "Глобальный / международный"),
]

LANGUAGES = [
    ("ru", "Russian", "Русский", False),
    ("en", "English", "Английский", False),
    ("kk", "Kazakh", "Казахский", False),
    ("ky", "Kyrgyz", "Кыргызский", False),
    ("tg", "Tajik", "Таджикский", False),
    ("uz", "Uzbek (Latin)", "Узбекский (латиница)", False),
    ("uz-cyrl", "Uzbek (Cyrillic)", "Узбекский (кириллица)", False),
    ("tk", "Turkmen", "Туркменский", False),
    ("fa-af", "Dari", "Дари", True),
    ("ps", "Pashto", "Пушту", True),
]

RESOURCE_TYPES = [
    ("guideline", "Guideline or standard", "Руководство или стандарт"),
    ("toolkit", "Toolkit or manual", "Инструментарий или пособие"),
    ("curriculum", "Training curriculum", "Учебная программа"),
    ("research", "Research or evidence review", "Исследование или обзор данных"),
    ("data", "Data and statistics", "Данные и статистика"),
    ("law-policy", "Law, policy or national action plan analysis", "Анализ законов, политики или национальных планов действий"),
    ("good-practice", "Good practice or case study", "Успешная практика или кейс"),
    ("campaign", "Campaign material", "Материалы кампаний"),
    ("template", "Template", "Шаблон"),
    ("multimedia", "Multimedia", "Мультимедиа"),
    ("event-record", "Webinar or event record", "Запись вебинара или мероприятия"),
]

THEMES = [
    ("pillar", "laws-policies", "Laws and policies", "Законы и политика"),
    ("pillar", "institutions", "Institutions", "Институты"),
    ("pillar", "prevention", "Prevention", "Профилактика"),
    ("pillar", "essential-services", "Essential services", "Основные услуги"),
    ("pillar", "quality-data", "Quality data", "Качественные данные"),
    ("pillar", "civil-society", "Civil society and women's movement", "Гражданское общество и женское движение"),
    ("violence", "domestic-ipv", "Domestic and intimate partner violence", "Домашнее насилие и насилие со стороны партнёра"),
    ("violence", "sexual-violence", "Sexual violence", "Сексуальное насилие"),
    ("violence", "early-forced-marriage", "Early and forced marriage, including bride kidnapping", "Ранние и принудительные браки, включая похищение невест"),
    ("violence", "harmful-practices", "Harmful practices", "Вредные практики"),
    ("violence", "tfgbv", "Technology-facilitated GBV", "Насилие с использованием технологий"),
    ("violence", "trafficking-migration", "Trafficking and labour migration", "Торговля людьми и трудовая миграция"),
    ("violence", "harassment", "Harassment", "Домогательства"),
    ("violence", "femicide", "Femicide", "Фемицид"),
    ("respect", "respect-relationship-skills", "Relationship skills strengthened", "Укрепление навыков построения отношений"),
    ("respect", "respect-empowerment", "Empowerment of women", "Расширение прав и возможностей женщин"),
    ("respect", "respect-services", "Services ensured", "Обеспечение услуг"),
    ("respect", "respect-poverty", "Poverty reduced", "Сокращение бедности"),
    ("respect", "respect-environments", "Environments made safe", "Безопасная среда"),
    ("respect", "respect-child-abuse", "Child and adolescent abuse prevented", "Предотвращение насилия над детьми и подростками"),
    ("respect", "respect-attitudes", "Transformed attitudes, beliefs and norms", "Изменение установок, убеждений и норм"),
    ("sector", "health", "Health", "Здравоохранение"),
    ("sector", "justice-policing", "Justice and policing", "Правосудие и полиция"),
    ("sector", "social-services", "Social services", "Социальные услуги"),
    ("sector", "coordination", "Coordination and governance", "Координация и управление"),
]

AUDIENCES = [
    ("cso", "Civil-society and women's organisations", "Организации гражданского общества и женские организации"),
    ("service-providers", "Service providers", "Поставщики услуг"),
    ("justice-police", "Justice and police", "Правосудие и полиция"),
    ("government", "Government", "Государственные органы"),
    ("un-donors", "UN and donors", "ООН и доноры"),
    ("media", "Media", "СМИ"),
    ("youth", "Youth", "Молодёжь"),
    ("researchers", "Researchers", "Исследователи"),
    ("faith-community", "Faith and community leaders", "Религиозные и общественные лидеры"),
]


def seed(apps, schema_editor):
    def put(model_name, rows):
        model = apps.get_model("taxonomy", model_name)
        for position, (slug, name_en, name_ru, *rest) in enumerate(rows):
            defaults = {"name_en": name_en, "name_ru": name_ru, "position": position}
            if model_name == "Language":
                defaults["is_rtl"] = rest[0]
            model.objects.update_or_create(slug=slug, defaults=defaults)

    put("Country", COUNTRIES)
    put("Language", LANGUAGES)
    put("ResourceType", RESOURCE_TYPES)
    put("Audience", AUDIENCES)
    Theme = apps.get_model("taxonomy", "Theme")
    for position, (group, slug, name_en, name_ru) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug, defaults={"group": group, "name_en": name_en, "name_ru": name_ru, "position": position}
        )


def unseed(apps, schema_editor):
    for model_name, rows in [
        ("Country", COUNTRIES),
        ("Language", LANGUAGES),
        ("ResourceType", RESOURCE_TYPES),
        ("Audience", AUDIENCES),
    ]:
        apps.get_model("taxonomy", model_name).objects.filter(slug__in=[r[0] for r in rows]).delete()
    apps.get_model("taxonomy", "Theme").objects.filter(slug__in=[r[1] for r in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
