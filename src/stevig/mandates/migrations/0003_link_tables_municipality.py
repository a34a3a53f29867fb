"""Link tables of mandates carry the municipality (Citus distribution key); see stevig.core.link_migrations."""

from django.db import migrations

from stevig.core.link_migrations import tenant_link_operations


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0002_wgs_urgent_request"),
        ("tenancy", "0002_department_debt_help"),
        ("people", "0003_name_token_c_collation"),
    ]

    operations = [
        *tenant_link_operations(
            app="mandates",
            owner="mandaterequest",
            field="residents",
            link="MandateRequestResident",
            owner_fk="mandaterequest",
            target="people.resident",
            target_fk="resident",
            table="mandates_mandaterequest_residents",
            source_table="people_resident",
            source_column="resident_id",
            m2m={'related_name': '+', 'to': 'people.resident', 'verbose_name': 'voor wie'},
        ),
    ]
