"""Survey answers get random ids (step 1 of 2): a UUID beside the sequential id of every
response and every answer to a question, and on every answer the UUID of its response.
Step 2 makes the UUIDs the keys."""

import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 2000


def _give_uuids(rows) -> None:
    pending = rows.filter(uuid__isnull=True).only("pk")
    while batch := list(pending[:BATCH]):
        for row in batch:
            row.uuid = uuid.uuid4()
        rows.bulk_update(batch, ["uuid"])


def fill(apps, schema_editor):
    db = schema_editor.connection.alias
    responses = apps.get_model("surveys", "Response").objects.using(db)
    answers = apps.get_model("surveys", "Answer").objects.using(db)
    _give_uuids(responses)
    _give_uuids(answers)
    answers.update(
        response_uuid=Subquery(responses.filter(pk=OuterRef("response_id")).values("uuid")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_national_indicator"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="answer",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="answer",
            name="response_uuid",
            field=models.UUIDField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
