import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"].startswith("ok")
    assert "broker" in body


def test_health_is_unhealthy_without_database(client, monkeypatch):
    from fagersta import health

    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("unavailable")
