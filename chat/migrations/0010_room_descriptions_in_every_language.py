"""The alliance's rooms are described in every interface language, like their names: a Russian
column and a JSON field for the others. The seeded description is filled in only where empty,
so a moderator's edit wins; backward removes the fields."""

from django.db import migrations, models

RUSSIAN = {"regional-exchange": "Обмен опытом между участниками из разных стран"}
DESCRIPTIONS = {
    "regional-exchange": {
        "kk": "Түрлі елдердегі мүшелер арасындағы тәжірибе алмасу",
        "ky": "Ар кайсы өлкөлөрдөгү мүчөлөр ортосундагы тажрыйба алмашуу",
        "tg": "Мубодилаи таҷриба байни аъзоён аз кишварҳои гуногун",
        "uz": "Turli mamlakatlardagi aʼzolar oʻrtasida tajriba almashish",
        "uz-cyrl": "Турли мамлакатлардаги аъзолар ўртасида тажриба алмашиш",
        "tk": "Dürli ýurtlardaky agzalaryň arasynda tejribe alyşmak",
        "fa-af": "تبادل تجربه میان اعضا از کشورهای مختلف",
        "ps": "له بېلابېلو هېوادونو د غړو ترمنځ د تجربې تبادله",
    },
}


def seed(apps, schema_editor):
    Room = apps.get_model("chat", "Room")
    for slug, text in RUSSIAN.items():
        Room.objects.filter(slug=slug, description_ru="").update(description_ru=text)
    for room in Room.objects.filter(slug__in=list(DESCRIPTIONS)).only("pk", "slug", "descriptions"):
        current = room.descriptions if isinstance(room.descriptions, dict) else {}
        missing = {lang: text for lang, text in DESCRIPTIONS[room.slug].items() if not current.get(lang)}
        if missing:
            Room.objects.filter(pk=room.pk).update(descriptions={**current, **missing})


class Migration(migrations.Migration):
    dependencies = [("chat", "0009_mentions_by_member_id")]

    operations = [
        migrations.AddField(
            model_name="room",
            name="description_ru",
            field=models.CharField(blank=True, max_length=300, verbose_name="description (Russian)"),
        ),
        migrations.AddField(
            model_name="room",
            name="descriptions",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="descriptions in the other interface languages"
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
