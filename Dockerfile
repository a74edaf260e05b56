FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && DEBUG=true python manage.py compilemessages --ignore=.venv \
    && useradd --system --home /app app && chown -R app /app \
    && mkdir -p /data/media /data/private && chown app /data/media /data/private

USER app
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "fagersta.wsgi:application", \
     "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
