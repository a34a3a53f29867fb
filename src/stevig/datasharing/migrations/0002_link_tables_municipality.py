"""Link tables of datasharing carry the municipality (Citus distribution key); see stevig.core.link_migrations."""

from django.db import migrations

from stevig.core.link_migrations import tenant_link_operations


class Migration(migrations.Migration):
    dependencies = [
        ("datasharing", "0001_register_disclosures_and_consent"),
        ("tenancy", "0002_department_debt_help"),
        ("people", "0003_name_token_c_collation"),
    ]

    operations = [
        *tenant_link_operations(
            app="datasharing",
            owner="disclosure",
            field="residents",
            link="DisclosureResident",
            owner_fk="disclosure",
            target="people.resident",
            target_fk="resident",
            table="datasharing_disclosure_residents",
            source_table="people_resident",
            source_column="resident_id",
            m2m={'related_name': 'disclosures', 'to': 'people.resident', 'verbose_name': 'over wie'},
        ),
    ]
