"""The reference page of the HTTP benchmark (bench/http_bench.py): a plain Django view that
renders a small template and asks the database nothing, served by the same server, workers
and middleware as the product's pages. Routed only when BENCH_REFERENCE=1 (config/urls.py),
so production has no such address."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def reference(request):
    return render(request, "bench/reference.html", {"items": range(10)})
