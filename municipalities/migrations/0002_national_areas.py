from django.db import migrations

AREAS = [
    ("hot-vald", "Hot och våld"),
    ("ordning-otrygghet", "Ordningsstörning och otrygghet"),
    ("extremism-natverk", "Extremism och kriminella nätverk"),
    ("unga-skola-andt", "Ungdomar och skolor, ANDT"),
    ("ovrigt", "Övrigt (t.ex. hot och hat på sociala medier)"),
]


def create_national_areas(apps, schema_editor):
    Area = apps.get_model("municipalities", "Area")
    areas = Area.objects.using(schema_editor.connection.alias)
    for position, (code, name) in enumerate(AREAS, start=1):
        areas.update_or_create(
            municipality=None, code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(create_national_areas, migrations.RunPython.noop)]
