"""Writes for staff accounts: second-factor devices. No resident data is touched here."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import User

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "reservecodes"
APP_DEVICE_NAME = "app"


def generate_backup_codes(*, user: User) -> list[str]:
    """Replace the user's backup codes with 10 new ones. Each works once. Only this call sees them in plain text."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.select_for_update().get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        device.token_set.all().delete()
        codes: list[str] = []
        while len(codes) < BACKUP_CODE_COUNT:
            code = StaticToken.random_token()
            if code not in codes:
                codes.append(code)
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset_app_device(*, user: User) -> TOTPDevice:
    """Give the user a new authenticator key; the old app codes stop working at once."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
