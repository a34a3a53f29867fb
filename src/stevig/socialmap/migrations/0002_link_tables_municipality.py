"""Link tables of socialmap carry the municipality (Citus distribution key); see stevig.core.link_migrations."""

from django.db import migrations

from stevig.core.link_migrations import tenant_link_operations


class Migration(migrations.Migration):
    dependencies = [
        ("socialmap", "0001_facilities_and_warm_referrals"),
        ("tenancy", "0002_department_debt_help"),
        ("people", "0003_name_token_c_collation"),
    ]

    operations = [
        *tenant_link_operations(
            app="socialmap",
            owner="referral",
            field="residents",
            link="ReferralResident",
            owner_fk="referral",
            target="people.resident",
            target_fk="resident",
            table="socialmap_referral_residents",
            source_table="people_resident",
            source_column="resident_id",
            m2m={'related_name': '+', 'to': 'people.resident', 'verbose_name': 'voor wie'},
        ),
    ]
