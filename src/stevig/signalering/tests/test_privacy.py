"""The personal-data check on a bottleneck text (AVG art. 5 lid 1 c)."""

from stevig.signalering.privacy import find_personal_data


def kinds(text: str, names: tuple[str, ...] = ()) -> set[str]:
    return {f.kind for f in find_personal_data(text, names)}


def test_bsn_only_when_it_passes_the_elfproef() -> None:
    assert kinds("Het gaat om BSN 999990019, die kan niet verder.") == {"bsn"}
    assert kinds("Het gaat om 9999.90.019") == {"bsn"}
    assert kinds("Er wachten 123456789 mensen") == set()  # fails the elfproef


def test_dates_postcodes_and_names() -> None:
    assert kinds("Geboren 03-04-2012, wacht al lang.") == {"geboortedatum"}
    assert kinds("Geboren op 3 april 2012") == {"geboortedatum"}
    assert kinds("Woont op 1234 AB 12 en wacht") == {"adres"}
    assert kinds("Dorpsstraat 12, 1234AB Stevigdam") == {"adres"}
    assert kinds("Familie El Amrani wacht op GGZ", ("Fatima", "El Amrani")) == {"naam"}
    assert kinds("Wachtlijst GGZ in Noord is zes maanden voor 12 jongeren") == set()
