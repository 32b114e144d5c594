from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark data command (``manage.py bench_data``). It writes rows of every app, so it
    lives above them all, beside ``config``, rather than in ``core``."""

    name = "bench"
    verbose_name = "Benchmarks"
