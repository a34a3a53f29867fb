# Stevig production image: gunicorn serving Django, static files by WhiteNoise. See README, "Productie".
# Build: docker build -t stevig .   Run the whole layout: docker compose up
# The base images are build arguments only so a machine without Docker Hub can build from local stand-ins
# (docs/scale.md, "Container"); the defaults are the official images.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Stage 1: the NL Design System CSS and htmx from the npm registry (no front-end build step).
FROM ${NODE_IMAGE} AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev

# Stage 2: Python with the hash-locked dependencies.
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=stevig.settings PYTHONPATH=/app/src \
    STEVIG_BIND=0.0.0.0:8000
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
COPY manage.py gunicorn.conf.py pyproject.toml ./
COPY src ./src
# Collect static files at build time; the key is only for this step (settings refuse to start without one).
# The DigiD metadata and certificates (django-privates) live in their own writable directory (a volume).
# The user gets its own writable home: gunicorn (25.1+) puts its control socket in ~/.gunicorn/ (`gunicornc`).
RUN STEVIG_SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --uid 10001 --user-group --create-home --home-dir /home/stevig --shell /usr/sbin/nologin stevig \
    && mkdir -p /var/lib/stevig/private-media && chown stevig /var/lib/stevig/private-media
ENV STEVIG_PRIVATE_MEDIA_ROOT=/var/lib/stevig/private-media
USER stevig
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2).status != 200)"
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
