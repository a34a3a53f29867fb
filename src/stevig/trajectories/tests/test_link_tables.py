"""Link rows get the municipality of the row they link, through the unchanged `.set()` call sites."""

from stevig.trajectories.models import Contact, ContactResident, TrajectoryExpertise


def test_set_fills_the_municipality_of_new_link_rows(world, trajectory, tags):
    contact = Contact.objects.create(
        municipality=world.municipality,
        trajectory=trajectory,
        kind="telefoon",
        contact_date="2026-11-27",
        summary="Eerste gesprek",
        recorded_by=world.own_worker,
    )
    contact.residents.set([world.parent, world.child])
    trajectory.expertise_needed.set([tags["GGZ"], tags["LVB"]])
    rows = ContactResident.objects.filter(contact=contact)
    assert sorted(r.resident_id for r in rows) == sorted([world.parent.id, world.child.id])
    assert {r.municipality_id for r in rows} == {world.municipality.id}
    assert {r.municipality_id for r in TrajectoryExpertise.objects.filter(trajectory=trajectory)} == {
        world.municipality.id
    }
