import factory

from reports.models import AnnualReport, ReportJob
from tests.factories import MunicipalityFactory


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2021
    introduction = "Arbetet har fått en tydligare struktur sedan 2019."
    summary = "Året präglades av pandemin, men många insatser blev av ändå."


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    report = factory.SubFactory(AnnualReportFactory)
    municipality = factory.SelfAttribute("report.municipality")
