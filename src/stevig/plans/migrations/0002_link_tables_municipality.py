"""Link tables of plans carry the municipality (Citus distribution key); see stevig.core.link_migrations."""

from django.db import migrations

from stevig.core.link_migrations import tenant_link_operations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_household_plan_goals_actions_versions"),
        ("tenancy", "0002_department_debt_help"),
        ("people", "0003_name_token_c_collation"),
    ]

    operations = [
        *tenant_link_operations(
            app="plans",
            owner="goal",
            field="members",
            link="GoalMember",
            owner_fk="goal",
            target="people.resident",
            target_fk="resident",
            table="plans_goal_members",
            source_table="people_resident",
            source_column="resident_id",
            m2m={'related_name': '+', 'to': 'people.resident', 'verbose_name': 'voor wie'},
        ),
    ]
