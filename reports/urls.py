from django.urls import path

from reports import (
    annual_views,
    committee,
    consolidated_views,
    declaration_views,
    documents,
    internal_audit,
    objectives,
    planning,
    province_views,
    review,
    risks,
    survey,
)
from reports.dossier import views as dossier_views
from reports.province_templates.urls import urlpatterns as province_template_urls

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<int:pk>/tai-ve.pdf", planning.plan_pdf, name="plan_pdf"),
    path("ke-hoach/<int:pk>/tai-ve.docx", planning.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/tai-ve.xlsx", planning.plan_xlsx, name="plan_xlsx"),
    path(
        "muc-tieu/<int:pk>/bao-cao.pdf",
        objectives.objective_report_pdf,
        name="objective_report_pdf",
    ),
    path(
        "muc-tieu/<int:pk>/bao-cao.docx",
        objectives.objective_report_docx,
        name="objective_report_docx",
    ),
    path(
        "muc-tieu/<int:pk>/bao-cao.xlsx",
        objectives.objective_report_xlsx,
        name="objective_report_xlsx",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/thong-bao.pdf",
        internal_audit.audit_notice_pdf,
        name="audit_notice_pdf",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/thong-bao.docx",
        internal_audit.audit_notice_docx,
        name="audit_notice_docx",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/bao-cao.pdf",
        internal_audit.audit_report_pdf,
        name="audit_report_pdf",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/bao-cao.docx",
        internal_audit.audit_report_docx,
        name="audit_report_docx",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/bao-cao.xlsx",
        internal_audit.audit_report_xlsx,
        name="audit_report_xlsx",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/khac-phuc.pdf",
        internal_audit.corrective_report_pdf,
        name="corrective_report_pdf",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/khac-phuc.docx",
        internal_audit.corrective_report_docx,
        name="corrective_report_docx",
    ),
    path(
        "danh-gia-noi-bo/<int:pk>/khac-phuc.xlsx",
        internal_audit.corrective_report_xlsx,
        name="corrective_report_xlsx",
    ),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/thong-bao.pdf",
        review.review_notice_pdf,
        name="review_notice_pdf",
    ),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/thong-bao.docx",
        review.review_notice_docx,
        name="review_notice_docx",
    ),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/bien-ban.pdf",
        review.review_minutes_pdf,
        name="review_minutes_pdf",
    ),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/bien-ban.docx",
        review.review_minutes_docx,
        name="review_minutes_docx",
    ),
    path("khao-sat/<int:pk>/bao-cao.pdf", survey.survey_report_pdf, name="survey_report_pdf"),
    path("khao-sat/<int:pk>/bao-cao.docx", survey.survey_report_docx, name="survey_report_docx"),
    path("khao-sat/<int:pk>/bao-cao.xlsx", survey.survey_report_xlsx, name="survey_report_xlsx"),
    path("bao-cao-nam/", annual_views.annual_report_list, name="annual_report_list"),
    path("bao-cao-nam/<int:pk>/", annual_views.annual_report_detail, name="annual_report_detail"),
    path(
        "bao-cao-nam/<int:pk>/lich-su/",
        annual_views.annual_report_history,
        name="annual_report_history",
    ),
    path(
        "bao-cao-nam/<int:pk>/phe-duyet/",
        annual_views.annual_report_approve_view,
        name="annual_report_approve",
    ),
    path(
        "bao-cao-nam/<int:pk>/tai-ve.pdf", annual_views.annual_report_pdf, name="annual_report_pdf"
    ),
    path(
        "bao-cao-nam/<int:pk>/tai-ve.docx",
        annual_views.annual_report_docx,
        name="annual_report_docx",
    ),
    path(
        "bao-cao-nam/<int:pk>/da-gui/",
        annual_views.annual_report_submit_view,
        name="annual_report_submit",
    ),
    path("rui-ro/tai-ve.xlsx", risks.risk_register_xlsx, name="risk_register_xlsx"),
    path("rui-ro/tai-ve.pdf", risks.risk_register_pdf, name="risk_register_pdf"),
    path("rui-ro/tai-ve.docx", risks.risk_register_docx, name="risk_register_docx"),
    path("toan-tinh/", annual_views.province_view, name="province"),
    path("toan-tinh/co-quan/<int:pk>/", province_views.province_agency, name="province_agency"),
    path("toan-tinh/bao-cao/<int:pk>/", province_views.province_report, name="province_report"),
    path(
        "toan-tinh/bao-cao/<int:pk>/tra-loi/",
        province_views.province_report_reply,
        name="province_report_reply",
    ),
    path(
        "toan-tinh/bao-cao/<int:pk>/tai-ve.pdf",
        province_views.province_report_pdf,
        name="province_report_pdf",
    ),
    # the province's templates (reports/province_templates/)
    *province_template_urls,
    path(
        "toan-tinh/bao-cao-tong-hop/",
        consolidated_views.consolidated_page,
        name="province_consolidated",
    ),
    *[
        path(
            f"toan-tinh/bao-cao-tong-hop/tai-ve.{extension}",
            consolidated_views.consolidated_download,
            {"extension": extension},
            name=f"province_consolidated_{extension}",
        )
        for extension in ("pdf", "docx", "xlsx")
    ],
    path("tai-lieu/danh-muc.pdf", documents.document_list_pdf, name="document_list_pdf"),
    path("tai-lieu/danh-muc.docx", documents.document_list_docx, name="document_list_docx"),
    path("tai-lieu/danh-muc.xlsx", documents.document_list_xlsx, name="document_list_xlsx"),
    path("cong-khai/<int:pk>/tai-lieu/", documents.public_documents, name="public_documents"),
    # the inspection dossier (reports/dossier/)
    path("ho-so-kiem-tra/", dossier_views.dossier_list, name="dossier_list"),
    path("ho-so-kiem-tra/<int:pk>/", dossier_views.dossier_detail, name="dossier_detail"),
    path(
        "ho-so-kiem-tra/<int:pk>/tien-do/",
        dossier_views.dossier_progress,
        name="dossier_progress",
    ),
    path("ho-so-kiem-tra/<int:pk>/lap-lai/", dossier_views.dossier_rebuild, name="dossier_rebuild"),
    path("ho-so-kiem-tra/<int:pk>/tai-ve.zip", dossier_views.dossier_zip, name="dossier_zip"),
    path("ho-so-kiem-tra/<int:pk>/ho-so.pdf", dossier_views.dossier_pdf, name="dossier_pdf"),
    path("ban-chi-dao/<int:pk>/quyet-dinh.pdf", committee.committee_pdf, name="committee_pdf"),
    path("ban-chi-dao/<int:pk>/quyet-dinh.docx", committee.committee_docx, name="committee_docx"),
    path("cong-bo/", declaration_views.declaration_page, name="declaration"),
    path("cong-bo/de-xuat/", declaration_views.declaration_notice, name="declaration_notice"),
    path("cong-bo/<int:pk>/", declaration_views.declaration_detail, name="declaration_detail"),
    path(
        "cong-bo/<int:pk>/lich-su/",
        declaration_views.declaration_history,
        name="declaration_history",
    ),
    *[
        path(
            f"cong-bo/<int:pk>/{slug}.{extension}",
            declaration_views.declaration_printout,
            {"part": part, "extension": extension},
            name=f"declaration_{part}_{extension}",
        )
        for part, slug in (("decision", "quyet-dinh"), ("statement", "ban-cong-bo"))
        for extension in ("pdf", "docx")
    ],
    *[
        path(
            f"cong-bo/du-thao/{slug}.{extension}",
            declaration_views.declaration_draft,
            {"part": part, "extension": extension},
            name=f"declaration_draft_{part}_{extension}",
        )
        for part, slug in (("decision", "quyet-dinh"), ("statement", "ban-cong-bo"))
        for extension in ("pdf", "docx")
    ],
]
