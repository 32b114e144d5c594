from django.db import migrations

OPEN_ROOMS = [
    # slug, English name, Russian name, theme slug, description
    ("regional-exchange", "Regional exchange", "Региональный обмен", None, "Cross-border exchange between members"),
    ("laws-policies", "Laws and policies", "Законы и политика", "laws-policies", ""),
    ("institutions", "Institutions", "Институты", "institutions", ""),
    ("prevention", "Prevention", "Профилактика", "prevention", ""),
    ("essential-services", "Essential services", "Основные услуги", "essential-services", ""),
    ("quality-data", "Quality data", "Качественные данные", "quality-data", ""),
    ("civil-society", "Civil society and women's movement", "Гражданское общество и женское движение", "civil-society", ""),
]
COUNTRY_ROOMS = ["kz", "kg", "tj", "tm", "uz", "af"]


def seed(apps, schema_editor):
    Room = apps.get_model("chat", "Room")
    Theme = apps.get_model("taxonomy", "Theme")
    Country = apps.get_model("taxonomy", "Country")
    for position, (slug, name, name_ru, theme_slug, description) in enumerate(OPEN_ROOMS):
        Room.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": "open",
                "name": name,
                "name_ru": name_ru,
                "description": description,
                "theme": Theme.objects.filter(slug=theme_slug).first() if theme_slug else None,
                "position": position,
            },
        )
    for position, code in enumerate(COUNTRY_ROOMS, start=20):
        country = Country.objects.filter(slug=code).first()
        if country is None:
            continue
        Room.objects.update_or_create(
            slug=f"country-{code}",
            defaults={
                "kind": "country",
                "name": country.name_en,
                "name_ru": country.name_ru,
                "country": country,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    Room = apps.get_model("chat", "Room")
    slugs = [slug for slug, *_ in OPEN_ROOMS] + [f"country-{code}" for code in COUNTRY_ROOMS]
    Room.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("chat", "0001_initial"), ("taxonomy", "0002_seed_terms")]

    operations = [migrations.RunPython(seed, unseed)]
