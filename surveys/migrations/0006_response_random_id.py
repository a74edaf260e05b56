"""Survey answers get random ids (step 2 of 2): the UUIDs filled in by step 1 become the keys
of responses and answers to questions, and the link between them; the sequential ids are
dropped."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def random_key():
    return models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_response_random_id_fill"),
    ]

    operations = [
        # The link by sequential id goes first: the old key cannot be dropped while it is used.
        # Each old key is dropped before the UUID becomes the key, as a table has one key.
        migrations.RemoveField(model_name="answer", name="response"),
        migrations.RemoveField(model_name="response", name="id"),
        migrations.AlterField(model_name="response", name="uuid", field=random_key()),
        migrations.RenameField(model_name="response", old_name="uuid", new_name="id"),
        migrations.RemoveField(model_name="answer", name="id"),
        migrations.AlterField(model_name="answer", name="uuid", field=random_key()),
        migrations.RenameField(model_name="answer", old_name="uuid", new_name="id"),
        migrations.RenameField(model_name="answer", old_name="response_uuid", new_name="response"),
        migrations.AlterField(
            model_name="answer",
            name="response",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="surveys.response",
            ),
        ),
    ]
