"""Demo data from the three seed plans (shared/seeds): their agencies, units, a login per role.

The seeds name few units explicitly ("Văn phòng Sở", "Chi cục Quản lý đất đai"...); where a seed
only says "các phòng chuyên môn", the usual divisions of such a Sở are added so that every role
has a unit.
Two seeds do not name their province; the demo puts all three agencies under UBND tỉnh Đồng Tháp, as
the third one is, so that they also form one demo province. Every function here is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from plans.choices import DepartmentKind as K
from plans.choices import Role

from .models import Department, Membership, Organization, User

DEMO_PASSWORD = "isoplan-demo"  # noqa: S105 - printed in the README on purpose: demo logins only

ORGANIZATIONS = [
    {
        "name": "Sở Lao động – Thương binh và Xã hội",
        "header_name": "SỞ LAO ĐỘNG – TB&XH",
        "parent_authority": "UBND TỈNH ĐỒNG THÁP",
        "document_symbol": "SLĐTBXH",
        "place_name": "Đồng Tháp",
        "province": "Đồng Tháp",
        "departments": [
            ("Văn phòng Sở", K.OFFICE),
            ("Thanh tra Sở", K.DIVISION),
            ("Phòng Kế hoạch – Tài chính", K.DIVISION),
            ("Phòng Lao động – Việc làm – Giáo dục nghề nghiệp", K.DIVISION),
            ("Phòng Người có công", K.DIVISION),
            ("Phòng Bảo trợ xã hội – Trẻ em – Bình đẳng giới", K.DIVISION),
        ],
    },
    {
        "name": "Sở Tài nguyên và Môi trường",
        "header_name": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "parent_authority": "UBND TỈNH ĐỒNG THÁP",
        "document_symbol": "STNMT",
        "place_name": "Đồng Tháp",
        "province": "Đồng Tháp",
        "departments": [
            ("Văn phòng Sở", K.OFFICE),
            ("Phòng Đo đạc bản đồ và Viễn thám", K.DIVISION),
            ("Phòng Khoáng sản, nước khí tượng thủy văn và BĐKH", K.DIVISION),
            ("Trung tâm Công nghệ thông tin Tài nguyên và Môi trường", K.CENTRE),
            ("Trung tâm Quan trắc Tài nguyên và Môi trường", K.CENTRE),
            ("Chi cục Quản lý đất đai", K.SUB_DEPARTMENT),
            ("Chi cục Bảo vệ môi trường", K.SUB_DEPARTMENT),
            ("Chi cục Biển – Hải đảo", K.SUB_DEPARTMENT),
        ],
    },
    {
        "name": "Sở Khoa học và Công nghệ",
        "header_name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "parent_authority": "UBND TỈNH ĐỒNG THÁP",
        "document_symbol": "SKHCN",
        "place_name": "Đồng Tháp",
        "province": "Đồng Tháp",
        "departments": [
            ("Văn phòng Sở", K.OFFICE),
            ("Phòng Kế hoạch – Tài chính", K.DIVISION),
            ("Phòng Quản lý khoa học", K.DIVISION),
            ("Phòng Quản lý công nghệ và Thị trường công nghệ", K.DIVISION),
            ("Chi cục Tiêu chuẩn Đo lường Chất lượng", K.SUB_DEPARTMENT),
        ],
    },
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    job_title: str
    organization: str | None  # None: the installation's administrator
    role: str | None
    department: str | None = None


LABOUR = ORGANIZATIONS[0]["name"]
LOGINS = [
    DemoLogin(
        "thuky",
        "Nguyễn Thị Thu",
        "Chuyên viên Văn phòng Sở",
        LABOUR,
        Role.ISO_SECRETARY,
        "Văn phòng Sở",
    ),
    DemoLogin("giamdoc", "Trần Văn Minh", "Giám đốc", LABOUR, Role.DIRECTOR),
    DemoLogin("phogiamdoc", "Lê Thị Hoa", "Phó Giám đốc", LABOUR, Role.DEPUTY_DIRECTOR),
    DemoLogin(
        "truongphong",
        "Phạm Văn Hùng",
        "Trưởng phòng",
        LABOUR,
        Role.DEPARTMENT_HEAD,
        "Phòng Người có công",
    ),
    DemoLogin("danhgia", "Võ Thị Lan", "Chánh Thanh tra", LABOUR, Role.AUDITOR, "Thanh tra Sở"),
    DemoLogin("nhanvien", "Đặng Văn Tâm", "Chuyên viên", LABOUR, Role.STAFF, "Phòng Người có công"),
    DemoLogin(
        "thuky.tnmt",
        "Hồ Văn Vinh",
        "Chuyên viên Văn phòng Sở",
        ORGANIZATIONS[1]["name"],
        Role.ISO_SECRETARY,
        "Văn phòng Sở",
    ),
    DemoLogin("giamdoc.tnmt", "Phan Văn Long", "Giám đốc", ORGANIZATIONS[1]["name"], Role.DIRECTOR),
    DemoLogin(
        "thuky.khcn",
        "Lý Thị Mai",
        "Chuyên viên Văn phòng Sở",
        ORGANIZATIONS[2]["name"],
        Role.ISO_SECRETARY,
        "Văn phòng Sở",
    ),
    DemoLogin(
        "dieuphoi",
        "Nguyễn Hữu Phước",
        "Phó Chi cục trưởng Chi cục TĐC",
        ORGANIZATIONS[2]["name"],
        Role.PROVINCE_COORDINATOR,
    ),
    DemoLogin("quantri", "Hoàng Văn Quân", "Quản trị hệ thống", None, None),
]


@transaction.atomic
def load_demo_organizations() -> list[Organization]:
    organizations = []
    for spec in ORGANIZATIONS:
        fields = {k: v for k, v in spec.items() if k not in {"name", "departments"}}
        organization, _ = Organization.objects.update_or_create(name=spec["name"], defaults=fields)
        for order, (name, kind) in enumerate(spec["departments"], start=1):
            Department.objects.update_or_create(
                organization=organization, name=name, defaults={"kind": kind, "order": order}
            )
        organizations.append(organization)
    return organizations


@transaction.atomic
def load_demo_logins() -> list[tuple[DemoLogin, bool]]:
    """Create the demo logins; a login that exists keeps its password. Returns (login, created)."""
    result = []
    for login in LOGINS:
        is_admin = login.organization is None
        user, created = User.objects.update_or_create(
            username=login.username,
            defaults={
                "full_name": login.full_name,
                "job_title": login.job_title,
                "email": f"{login.username}@example.gov.vn",
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if not is_admin:
            organization = Organization.objects.get(name=login.organization)
            department = (
                Department.objects.get(organization=organization, name=login.department)
                if login.department
                else None
            )
            Membership.objects.get_or_create(
                user=user, organization=organization, role=login.role, department=department
            )
        result.append((login, created))
    return result
