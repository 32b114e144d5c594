import importlib
import os
import secrets
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as account_demo

# Each app that has demo content exposes ``demo.seed``; accounts come first because the
# others need their authors.
DEMO_MODULES = ["forum.demo", "resources.demo", "chat.demo"]


def demo_password() -> tuple[str, bool]:
    """DEMO_PASSWORD from the environment, else one generated once and kept in a
    git-ignored file so repeated runs keep working logins."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"], False
    path = Path(settings.BASE_DIR) / ".demo_password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(9))
        path.chmod(0o600)
    return path.read_text().strip(), True


class Command(BaseCommand):
    help = "Create or update the demo accounts and demo content (idempotent). Not for production."

    def handle(self, *args, **options):
        password, generated = demo_password()
        with transaction.atomic():
            result = account_demo.seed(password)
            for module_name in DEMO_MODULES:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError:
                    continue
                module.seed(result["users"])
            # The demo dates its content back after writing it through the services: the
            # search documents take those dates, which results show and rank by.
            call_command("search_reindex", stdout=StringIO())
            # The alliance's glossary, shown beside the translation form.
            call_command("load_glossary", stdout=StringIO())
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            "Demo logins (password %s):" % ("generated, kept in .demo_password" if generated else "from DEMO_PASSWORD")
        )
        for email, user in result["users"].items():
            self.stdout.write(f"  {email:<26} {user.get_role_display()}")
        self.stdout.write(f"  password: {password}")
        for email, secret in result["totp_secrets"].items():
            self.stdout.write(
                f"  two-factor secret for {email}: {secret}  (current code: python manage.py demo_totp {email})"
            )
