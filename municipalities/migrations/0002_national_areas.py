from django.db import DEFAULT_DB_ALIAS, migrations

AREAS = [
    ("hot-vald", "Hot och våld"),
    ("ordning-otrygghet", "Ordningsstörning och otrygghet"),
    ("extremism-natverk", "Extremism och kriminella nätverk"),
    ("unga-skola-andt", "Ungdomar och skolor, ANDT"),
    ("ovrigt", "Övrigt (t.ex. hot och hat på sociala medier)"),
]


def create_national_areas(apps, schema_editor):
    Area = apps.get_model("municipalities", "Area")
    # Tests that empty the database call this again without a schema editor.
    alias = schema_editor.connection.alias if schema_editor is not None else DEFAULT_DB_ALIAS
    areas = Area.objects.using(alias)
    for position, (code, name) in enumerate(AREAS, start=1):
        areas.update_or_create(
            municipality=None, code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(create_national_areas, migrations.RunPython.noop)]
