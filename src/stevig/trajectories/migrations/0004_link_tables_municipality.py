"""Link tables of trajectories carry the municipality (Citus distribution key); see stevig.core.link_migrations."""

from django.db import migrations

from stevig.core.link_migrations import tenant_link_operations


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0003_trajectory_opened_from_question"),
        ("tenancy", "0002_department_debt_help"),
        ("people", "0003_name_token_c_collation"),
    ]

    operations = [
        *tenant_link_operations(
            app="trajectories",
            owner="contact",
            field="residents",
            link="ContactResident",
            owner_fk="contact",
            target="people.resident",
            target_fk="resident",
            table="trajectories_contact_residents",
            source_table="people_resident",
            source_column="resident_id",
            m2m={'blank': True, 'related_name': '+', 'to': 'people.resident', 'verbose_name': 'met wie'},
        ),
        *tenant_link_operations(
            app="trajectories",
            owner="trajectory",
            field="expertise_needed",
            link="TrajectoryExpertise",
            owner_fk="trajectory",
            target="tenancy.expertisetag",
            target_fk="expertisetag",
            table="trajectories_trajectory_expertise_needed",
            source_table="trajectories_trajectory",
            source_column="trajectory_id",
            m2m={'blank': True, 'related_name': '+', 'to': 'tenancy.expertisetag', 'verbose_name': 'expertise die nodig is'},
        ),
    ]
