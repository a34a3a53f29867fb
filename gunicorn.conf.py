"""gunicorn settings for `make serve` and the container (read from the working directory).

Sync workers: Django's ORM blocks, and measurement on 2 cores showed no gain from threads or from
granian (README, "Productieserver"). Workers default to 2 per core; each keeps its PostgreSQL
connection (CONN_MAX_AGE), so workers × app servers must stay below PostgreSQL's max_connections.
"""

import multiprocessing
import os

bind = os.environ.get("STEVIG_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("STEVIG_WORKERS", str(2 * multiprocessing.cpu_count())))
worker_class = "sync"
pythonpath = "src"
wsgi_app = "stevig.wsgi:application"
# A request that takes longer than this is a bug or an attack: the worker is replaced.
timeout = int(os.environ.get("STEVIG_REQUEST_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so a slow leak never grows unbounded.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("STEVIG_FORWARDED_ALLOW_IPS", "127.0.0.1")
