from django_tasks import task


@task()
def data_export_build(user_id: int, token: str) -> bool:
    """Build a member's data archive in the background (at once in the embedded default)."""
    from .export_delivery import data_export_build as build

    return build(user_id=user_id, token=token)
