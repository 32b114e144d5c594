"""What account deletion does to notifications others received about the member's actions
(the member's own notifications and preferences go with the account)."""

from .models import Notification


def notifications_erase_for(*, user, former_name: str, erase: bool) -> dict:
    caused = Notification.objects.filter(actor=user)
    if erase:
        # The excerpt quotes what the member wrote.
        caused.update(excerpt="")
    count = caused.update(actor=None, actor_name=former_name)
    return {"notifications": count}
