# Production image: gunicorn serves the app; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Run-time assets only: devDependencies (the test OpenID Connect provider) stay out.
RUN npm ci --omit=dev --no-audit --no-fund

# python-ldap (single sign-on through the province directory) compiles against libldap and
# libsasl: built here, so the image keeps only their run-time libraries.
FROM python:3.11-slim-bookworm AS wheels
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libldap2-dev libsasl2-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements/base.txt requirements/base.txt
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements/base.txt

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=isoplan.settings.production
# postgresql-client: pg_dump/pg_restore/psql for `manage.py backup`/`restore`. Bookworm's is 15, the
# major version of the db service in docker-compose.yml: pg_dump refuses a newer server.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-croscore \
       postgresql-client libldap-2.5-0 libsasl2-2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels -r requirements/base.txt && rm -rf /wheels
COPY --from=assets /app/node_modules node_modules
COPY . .
# Build-time only: collectstatic and compilemessages need settings but never use this key.
RUN SECRET_KEY=build-only-not-secret python manage.py compilemessages --ignore=node_modules \
    && SECRET_KEY=build-only-not-secret STATIC_ROOT=/app/var/staticfiles python manage.py collectstatic --noinput
RUN useradd --system --home /app isoplan && mkdir -p /app/var && chown -R isoplan /app/var
USER isoplan
EXPOSE 8000
CMD ["gunicorn", "isoplan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
