"""The three seed plans (shared/seeds) as real plans, with their texts as the agencies wrote them.

The responsibility column is kept as written (``note``) and also mapped to units, so that work
items, reminders and "my work" know whom each task is for.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from docx import Document

from plans.choices import PlanStatus, SigningAuthority
from plans.demo import demo_pdf
from plans.models import Department, Organization, Plan, User, WorkItem
from plans.objectives.services import OBJECTIVE_RESULTS, OBJECTIVES_APPROVED
from plans.planning.importing import cells_to_json, find_task_table, preview, read_upload
from plans.planning.services.plan import plan_approve, plan_create, plan_submit
from plans.planning.services.task import TaskData, UnitRef, task_create
from plans.planning.services.task_import import plan_import_tasks, task_import_start
from plans.work import handoffs
from plans.work.services import work_item_complete

ALL = "p:all_departments"
SECRETARY = "p:iso_secretary"
COMMITTEE = "p:steering_committee"
LEADERSHIP = "p:leadership"
OFFICE = "Văn phòng Sở"
MODEL_FORM = "Theo mẫu kèm theo Mô hình HTQLCL"
AUDIT_FORMS = "Theo các biểu mẫu của Hướng dẫn đánh giá nội bộ"
CASE_REPORT = "Theo báo cáo từng trường hợp cụ thể"

# (content, responsibility as written, leads, supports, timing, output)
LABOUR_TASKS = [
    (
        "Xây dựng và công bố mục tiêu chất lượng hàng năm của đơn vị (bao gồm mục tiêu chất lượng "
        "của Sở và các phòng chuyên môn)",
        "Lãnh đạo cơ quan, Thư ký ISO",
        [LEADERSHIP, SECRETARY],
        [],
        "Trong tháng 01 hàng năm",
        MODEL_FORM,
    ),
    (
        "Lập báo cáo đánh giá kết quả thực hiện Mục tiêu chất lượng của cơ quan (bao gồm mục tiêu "
        "chất lượng của Sở và các phòng chuyên môn)",
        "Lãnh đạo cơ quan, Thư ký ISO",
        [LEADERSHIP, SECRETARY],
        [],
        "Hàng Quý",
        MODEL_FORM,
    ),
    (
        "Rà soát, sửa đổi, bổ sung các tài liệu bắt buộc theo tiêu chuẩn (Các hướng dẫn: Kiểm soát "
        "thông tin dạng văn bản; Đánh giá nội bộ; Kiểm soát sự không phù hợp và Hành động khắc "
        "phục,...) và các quy trình nội bộ giải quyết công việc (Giải quyết thủ tục hành chính; Xử "
        "lý văn bản đến; Quản lý văn bản đi, đến...)",
        "Lãnh đạo, công chức chuyên môn tại cơ quan, Thư ký ISO",
        [LEADERSHIP, SECRETARY],
        [ALL],
        "Định kỳ 06 tháng hoặc đột xuất khi có quy định mới hoặc theo yêu cầu của cơ quan, đơn vị",
        "Theo quy định tại từng Hướng dẫn, Quy trình cụ thể",
    ),
    (
        "Lập chương trình, kế hoạch đánh giá chất lượng nội bộ (tối thiếu 01 lần/năm)",
        "Lãnh đạo cơ quan, Thư ký ISO",
        [LEADERSHIP, SECRETARY],
        [],
        "Trước mỗi đợt đánh giá",
        AUDIT_FORMS,
    ),
    (
        "Tiến hành thực hiện các cuộc đánh giá chất lượng nội bộ và lập báo cáo kết quả đánh giá "
        "nội bộ",
        "Lãnh đạo Sở, Ban ISO, Thư ký",
        [LEADERSHIP, COMMITTEE, SECRETARY],
        [],
        "Theo Kế hoạch đánh giá nội bộ",
        AUDIT_FORMS,
    ),
    (
        "Họp xem xét của Lãnh đạo về HTQLCL TCVN ISO 9001:2015",
        "Lãnh đạo Sở, Ban ISO, Thư ký",
        [LEADERSHIP, COMMITTEE, SECRETARY],
        [],
        "Ít nhất 01 lần/năm hoặc thường xuyên sau mỗi đợt đánh giá",
        MODEL_FORM,
    ),
    (
        "Rà soát bổ sung, cập nhật tài liệu bên ngoài theo danh mục",
        "Các phòng chuyên môn thuộc Sở",
        [ALL],
        [],
        "Thường xuyên rà soát, cập nhật",
        MODEL_FORM,
    ),
    (
        "Thu thập, tổng hợp ý kiến đánh giá sự hài lòng của tổ chức, cá nhân (qua phần mềm ứng dụng "
        "hoặc qua phiếu khảo sát)",
        "Các phòng chuyên môn thuộc Sở",
        [ALL],
        [],
        "Theo dõi thường xuyên và tổng hợp 01 lần vào cuối năm",
        MODEL_FORM,
    ),
    (
        "Các đề xuất cải tiến tài liệu, quy trình và áp dụng thuộc HTQLCL TCVN ISO 9001:2015",
        "Các phòng chuyên môn thuộc Sở",
        [ALL],
        [],
        "Thường xuyên, hoặc khi có quy định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị",
        CASE_REPORT,
    ),
    (
        "Báo cáo kết quả hoạt động, duy trì và thực hiện các kiến nghị của cơ quan chủ quản theo "
        "yêu cầu",
        "Thư ký ISO",
        [SECRETARY],
        [],
        "Theo kế hoạch hoặc đôt xuất khi có yêu cầu",
        CASE_REPORT,
    ),
]

ENVIRONMENT_TASKS = [
    (
        "Xây dựng Mục tiêu chất lượng và Kế hoạch thực hiện Mục tiêu chất lượng.",
        "Văn phòng Sở xây dựng MTCL cho Sở. Các phòng, đơn vị ban hành MTCL và xây dựng Kế hoạch "
        "thực hiện trên cơ sở MTCL của Sở.",
        [OFFICE, ALL],
        [],
        "Trong tháng 01/2022",
        "- Mục tiêu chất lượng\n- Kế hoạch thực hiện MTCL",
    ),
    (
        "Xem xét, đề xuất giải pháp về kết quả khảo sát sự hài lòng của tổ chức, cá nhân đối với sự "
        "phục vụ của Sở TNMT năm 2021 do UBND tỉnh công bố",
        "",
        [OFFICE],
        [],
        "Trong tháng 02/2022",
        "Xây dựng giải pháp nâng cao chất lượng phục vụ.",
    ),
    ("Xây dựng Kế hoạch đánh giá nội bộ", "", [SECRETARY], [], "Tháng 03/2022", "Kế hoạch"),
    (
        "Tiến hành đánh giá nội bộ",
        "Theo Kế hoạch đánh giá.",
        [COMMITTEE],
        [SECRETARY],
        "Quý III/2022.",
        "Biên bản đánh giá",
    ),
    (
        "Thực hiện khắc phục các điểm không phù hợp sau đánh giá nội bộ",
        "Thư ký ISO theo dõi, chỉ đạo các phòng, đơn vị thực hiện",
        [ALL],
        [SECRETARY],
        "Sau đánh giá nội bộ",
        "Báo cáo khắc phục các điểm KPH",
    ),
    (
        "Họp xem xét Lãnh đạo",
        "Ban chỉ đạo ISO\nThư ký ISO",
        [COMMITTEE],
        [SECRETARY],
        "Tháng 12/2022",
        "Thông báo họp\nBiên bản họp.",
    ),
    ("Báo cáo kết quả thực hiện MTCL năm 2022", "", [SECRETARY], [], "Tháng 12/2022", "Báo cáo"),
    (
        "Báo cáo kết quả duy trì hệ thống cho ban Chỉ đạo ISO tỉnh theo quy định",
        "",
        [SECRETARY],
        [],
        "Tháng 12/2022",
        "Báo cáo",
    ),
    (
        "Thực hiện Công bố HTQLCL tại Sở TNMT phù hợp với tiêu chuẩn quốc gia TCVN ISO 9001:2015",
        "Thư ký ISO tham mưu.",
        [SECRETARY],
        [],
        "Trong vòng 30 ngày sau khi TTHC được công bố",
        "Quyết định\nQuy trình",
    ),
    (
        "Thực hiện Công bố Danh mục tài liệu HTQLCL tại Sở TNMT phù hợp với tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2015",
        "Thư ký ISO tham mưu.",
        [SECRETARY],
        [],
        "Trong vòng 30 ngày sau khi TTHC được công bố",
        "Quyết định\nQuy trình",
    ),
    (
        "Xây dựng Kế hoạch, Tổ chức đánh giá sự hài lòng của khách hàng",
        "",
        [OFFICE],
        [],
        "Quý III/2022",
        "Lấy phiếu khảo sát\nBáo cáo kết quả",
    ),
]

SCIENCE_TASKS = [
    ("Xây dựng kế hoạch duy trì và cải tiến HTQLCL", "", [OFFICE], [], "Tháng 02", ""),
    (
        "Rà soát, bổ sung Mục tiêu chất lượng và Kế hoạch thực hiện Mục tiêu chất lượng đã ban "
        "hành; niêm yết tại phòng làm việc và gửi 01 bản về Văn phòng Sở để tổng hợp, báo cáo, lưu "
        "hồ sơ.",
        "Các phòng",
        [ALL],
        [],
        "Tháng 3",
        "",
    ),
    (
        "Rà soát, chỉnh sửa, bổ sung các quy trình khi có văn bản thay thế hoặc sửa đổi, bổ sung "
        "hoặc ban hành mới; Báo cáo kết quả về Văn phòng Sở để theo dõi, lưu hồ sơ.",
        "Các phòng",
        [ALL],
        [],
        "Hàng tháng",
        "",
    ),
    (
        "Hướng dẫn thực hiện các quy định của HTQLCL khi có công chức, viên chức được bố trí công "
        "việc mới",
        "Các phòng",
        [ALL],
        [],
        "Thường xuyên",
        "",
    ),
    (
        "Xây dựng Kế hoạch và tổ chức đánh giá nội bộ; Khắc phục các điểm không phù hợp được phát "
        "hiện sau đánh giá",
        "BCĐ ISO, các phòng",
        [COMMITTEE, ALL],
        [],
        "Tháng 10",
        "",
    ),
    (
        "Tổ chức hội nghị đánh giá tổng thể Hệ thống quản lý chất lượng của cơ quan",
        "Lãnh đạo Sở",
        [LEADERSHIP],
        [],
        "Tháng 10",
        "",
    ),
    ("Báo cáo kết quả thực hiện duy trì, cải tiến HTQLCL", "", [OFFICE], [], "Tháng 11", ""),
]

PLANS = [
    {
        "organization": "Sở Lao động – Thương binh và Xã hội",
        "year": 2022,
        "status": PlanStatus.APPROVED,
        "submitted_by": "thuky",
        "approved_by": "phogiamdoc",
        "fields": {
            "symbol": "KH-SLĐTBXH",
            # As signed: "Đồng Tháp, ngày       tháng  01  năm 2022" (seed 003).
            "issued_month": 1,
            "issued_year": 2022,
            "place": "Đồng Tháp",
            "title": "Duy trì áp dụng, cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn quốc "
            "gia TCVN ISO 9001:2015 vào hoạt động Sở Lao động –TB&XH năm 2022",
            "legal_bases": "Căn cứ Kế hoạch số 326/KH-UBND ngày 09 tháng 11 năm 2021 của Ủy ban "
            "nhân dân Tỉnh Đồng Tháp về duy trì và cải tiến Hệ thống Quản lý chất lượng theo Tiêu "
            "chuẩn Quốc gia TCVN ISO 9001 trong các cơ quan hành chính nhà nước tỉnh Đồng Tháp năm "
            "2022;\nCăn cứ Kế hoạch số 04/KH-SLĐTBXH ngày 10 tháng 01 năm 2022 của Sở Lao động "
            "–Thương binh và xã hội về cải cách hành chính năm 2022.",
            "introduction": "Sở Lao động –Thương binh và Xã hội ban hành Kế hoạch Duy trì áp dụng, "
            "cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 vào "
            "hoạt động của Sở năm 2022 như sau:",
            "purposes": "- Thực hiện tốt HTQLCL theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 vào "
            "hoạt động của cơ quan. Qua đó, giải quyết công việc khoa học, hiệu quả và phù hợp với "
            "quy định của pháp luật.\n- Nâng cao chất lượng công tác kiểm tra việc duy trì, áp "
            "dụng, mở rộng và cải tiến HTQLCL theo tiêu chuẩn quốc gia TCVN ISO 9001:2015; đánh giá "
            "chất lượng nội bộ, khắc phục phòng ngừa và đề xuất cải tiến HTQLCL tại các phòng "
            "chuyên môn thuộc Sở theo quy định; nâng cao hiệu lực, hiệu quả công tác quản lý nhà "
            "nước của Sở, góp phần củng cố, cải thiện chỉ số cải cách hành chính năm 2022 của Sở."
            "\n- Tiếp tục rà soát, bổ sung, chỉnh sửa kịp thời các quy trình giải quyết thủ tục "
            "hành chính.",
            "requirements": "- Thường xuyên rà soát, chỉnh sửa, bổ sung kịp thời các quy trình "
            "giải quyết công việc, đảm bảo tuân thủ các quy định của pháp luật có liên quan và các "
            "yêu cầu của tiêu chuẩn TCVN ISO 9001:2015.\n- Đảm bảo sự tham gia của Lãnh đạo, các "
            "phòng chuyên môn, đơn vị trực thuộc Sở và các cá nhân liên quan trong quá trình áp "
            "dụng và cải tiến HTQLCL.\n- Tiếp tục nâng cao hơn nữa chất lượng giải quyết công việc "
            "tại cơ quan, đơn vị.",
            "closing": "Trên đây là kế hoạch duy trì, áp dụng HTQLCL theo tiêu chuẩn TCVN ISO "
            "9001:2015 vào hoạt động của của Sở Lao động – TB&XH năm 2022. Đề nghị trưởng các "
            "phòng chuyên môn triển khai thực hiện kế hoạch này, cử cán bộ đi đào tạo, bồi dưỡng "
            "và tổ chức xây dựng đúng theo quy định./.",
            "recipients": "- Các phòng chuyên môn;\n- Ban Chỉ đạo ISO;\n- Lãnh đạo Sở;\n"
            "- Lưu: VT; Ban ISO Sở (T)",
            "signing_authority": SigningAuthority.ON_BEHALF,
            "signer_title": "GIÁM ĐỐC",
            "signer_deputy_title": "PHÓ GIÁM ĐỐC",
            "signer_name": "Lê Thị Hoa Nàng",
            "table_layout": "joined",
            "table_labels": "TT | Nội dung công việc | Trách nhiệm thực hiện | Thời gian thực hiện | Hồ sơ, biểu mẫu",
        },
        "duties": [
            (
                "Ban chỉ đạo ISO",
                "- Theo dõi, đôn đốc, hướng dẫn kiểm tra thực hiện việc duy trì "
                "và áp dụng HTQLCL theo TCVN ISO 9001:2015 của các phòng chuyên môn.\n- Thực hiện "
                "thanh toán kinh phí cho việc áp dụng HTQLCL theo TCVN ISO 9001:2015 theo quy định."
                "\n- Thư ký ISO có trách nhiệm theo dõi, nhắc nhở các phòng kịp thời cập nhật, xây "
                "dựng các tài liệu phù hợp với hệ thống.",
            ),
            (
                "Các phòng chuyên môn",
                "- Xây dựng các quy trình xử lý công việc theo thực trạng "
                "hoạt động của phòng mình.\n- Chủ động phối hợp với phòng Ban ISO tổ chức kiểm soát "
                "quá trình áp dụng HTQLCL theo tiêu chuẩn TCVN ISO 9001:2015 trong hoạt động của "
                "phòng mình.\n- Rà soát lại các quy trình đã ban hành, phát hiện những bất cập trong "
                "quá trình thực hiện và đối chiếu với các văn bản mới hiện hành để sửa đổi, bổ sung "
                "cho phù hợp trình Lãnh đạo xem xét phê duyệt.",
            ),
        ],
        "tasks": LABOUR_TASKS,
    },
    {
        "organization": "Sở Tài nguyên và Môi trường",
        "year": 2022,
        "status": PlanStatus.SUBMITTED,
        "submitted_by": "thuky.tnmt",
        "fields": {
            "symbol": "KH-STNMT",
            "issued_year": 2022,  # the seed shows no date line: the year, day and month blank
            "place": "Đồng Tháp",
            "title": "Duy trì Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia - TCVN ISO "
            "9001: 2015 của Sở Tài nguyên và Môi trường năm 2022",
            "legal_bases": "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính "
            "phủ về việc áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia -TCVN "
            "9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;"
            "\nCăn cứ Quyết định số 44/QĐ-STNMT ngày 24/01/2022 của Sở Tài nguyên và Môi trường về "
            "việc Công bố hệ thống quản lý chất lượng phù hợp tiêu chuẩn quốc gia -TCVN 9001:2015;",
            "introduction": "Nhằm tiếp tục dùy trì, cải tiến HTQLCL phù hợp với tiêu chuẩn quốc "
            "gia -TCVN 9001:2015, Sở Tài nguyên và Môi trường ban hành kế hoạch duy trì hệ thống "
            "quản lý chất lượng như sau:",
            "scope": "Phạm vi áp dụng hệ thống ISO của Sở bao gồm các phòng (có thực hiện TTHC và "
            "không thực hiện TTHC), Trung tâm CNTTTNMT, Chi cục Quản lý đất đai, Chi cục Bảo vệ "
            "môi trường, Chi cục Biển – Hải đảo; Văn phòng Sở; Phòng Đo đạc bản đồ và Viễn thám; "
            "Phòng Khoáng sản, nước khí tượng thủy văn và BĐKH; Trung tâm Quan trắc Tài nguyên và "
            "Môi trường tiếp tục duy trì Hệ thống QLCL ISO Phòng thí nghiệm.",
            "closing": "Trên đây là Kế hoạch duy trì Hệ thống quản lý chất lượng theo tiêu chuẩn "
            "quốc gia -TCVN ISO 9001: 2015 năm 2022 của Sở Tài nguyên và Môi trường.\nYêu cầu các "
            "phòng, đơn vị lập kế hoạch triển khai và thực hiện theo đúng Kế hoạch chung của Sở. "
            "Trong quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời báo cáo Lãnh đạo Sở và "
            "Ban Chỉ đạo để xem xét giải quyết./.",
            "recipients": "- Các phòng, đơn vị thuộc Sở;\n- Sở KH&CN;\n- Lưu: VT, H. Vinh.",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn Đồng",
            "table_layout": "joined",
            "table_labels": "STT | Nội dung công việc | Đơn vị/ cá nhân thực hiện | Thời gian | Sản phẩm",
        },
        "duties": [],
        "tasks": ENVIRONMENT_TASKS,
    },
    {
        "organization": "Sở Khoa học và Công nghệ",
        "year": 2021,
        "status": PlanStatus.DRAFT,
        # Its table comes in the way an agency starts: imported from last year's Word file.
        "imported_from": ("Kế hoạch duy trì ISO 2021 - SKHCN.docx", "thuky.khcn"),
        "fields": {
            "symbol": "KH-SKHCN",
            "issued_year": 2021,  # the seed shows no date line: the year, day and month blank
            "place": "Đồng Tháp",
            "title": "Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 vào "
            "hoạt động của Cơ quan Sở Khoa học và Công nghệ - năm 2021",
            "legal_bases": "Thực hiện Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng "
            "Chính phủ về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN "
            "9001:2008 (Sau đây viết tắt là HTQLCL) vào hoạt động của các cơ quan, tổ chức thuộc "
            "hệ thống hành chính nhà nước; Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa "
            "học và Công nghệ Quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg, Sở Khoa học "
            "và Công nghệ xây dựng kế hoạch duy trì, cải tiến HTQLCL với những nội dung chủ yếu "
            "sau:",
            "purposes": "- Nâng cao chất lượng thực hiện kế hoạch cải cách hành chính (CCHC), hiệu "
            "quả làm việc của công chức, viên chức, lao động.\n- Tiếp tục duy trì, áp dụng HTQLCL "
            "trong hoạt động của Sở.\n- Thường xuyên rà soát, chỉnh sửa, bổ sung kịp thời các quy "
            "trình giải quyết công việc theo các quy định, văn bản hướng dẫn và phù hợp với thực "
            "tế.",
            "recipients": "- GĐ và các PGĐ Sở;\n- Các phòng chuyên môn thuộc Sở;\n- Ban chỉ đạo "
            "ISO của Sở;\n- Lưu: VT, VP.",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Toàn Thắng",
            "table_layout": "no_output",
            "table_labels": "TT | Nội dung | Đơn vị thực hiện | Thời gian hoàn thành",
        },
        "duties": [
            (
                "Văn phòng Sở (thường trực BCĐ ISO)",
                "- Theo dõi, đôn đốc, hướng dẫn, kiểm tra, "
                "giám sát việc thực hiện Kế hoạch này; định kỳ báo cáo Giám đốc Sở để xử lý kịp thời "
                "những vướng mắc, tồn tại.\n- Tổng hợp báo cáo Lãnh đạo Sở về kết quả thực hiện duy "
                "trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 của Cơ quan Sở.",
            ),
            (
                "Các phòng chuyên môn của Sở",
                "- Nghiêm túc duy trì thực hiện các quy trình đã xây "
                "dựng và ban hành.\n- Đảm bảo toàn bộ hoạt động liên quan đến giải quyết TTHC cho công "
                "dân được áp dụng đúng theo quy trình đã xây dựng.\n- Chịu trách nhiệm trước Giám đốc "
                "Sở về hiệu quả của việc áp dụng, duy trì, cải tiến HTQLCL trong hoạt động của phòng "
                "mình.\n- Sau khi tổ chức đánh giá sự phù hợp, khắc phục, chỉnh sửa, hoàn thiện lại "
                "các quy trình (nếu có sự thay đổi)./.",
            ),
        ],
        "tasks": SCIENCE_TASKS,
    },
]


def _unit(organization: Organization, value: str) -> UnitRef:
    if value.startswith("p:"):
        return UnitRef.parse(value)
    return UnitRef(department_id=Department.objects.get(organization=organization, name=value).pk)


def _word_file(spec: dict) -> bytes:
    """The seed's task table as the agency's Word file has it."""
    document = Document()
    labels = [label.strip() for label in spec["fields"]["table_labels"].split("|")]
    table = document.add_table(rows=1, cols=len(labels))
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell.text = label
    for number, (content, note, leads, _supports, timing, output) in enumerate(spec["tasks"], 1):
        values = [str(number), content, note or ", ".join(leads), timing, output]
        for cell, value in zip(table.add_row().cells, values, strict=False):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _import_tasks(plan: Plan, spec: dict) -> None:
    name, username = spec["imported_from"]
    found = find_task_table(read_upload(io.BytesIO(_word_file(spec)), name))
    task_import = task_import_start(
        plan=plan,
        user=User.objects.get(username=username),
        source_name=name,
        labels=found.labels,
        rows=cells_to_json(found),
        mapping=found.mapping,
        header={},
        knows_merges=True,
    )
    shown = preview(task_import, plan)
    plan_import_tasks(
        task_import=task_import,
        user=task_import.created_by,
        tasks=shown.tasks(set(shown.default_rows())),
        plan_fields={},
        expected_version=plan.lock_version,
    )


@transaction.atomic
def load_demo_plans() -> list[tuple[Plan, bool]]:
    """Create each seed plan once; a plan that exists is left as it is (it may have been edited)."""
    result = []
    for spec in PLANS:
        organization = Organization.objects.get(name=spec["organization"])
        existing = Plan.objects.filter(organization=organization, year=spec["year"]).first()
        if existing is not None:
            result.append((existing, False))
            continue
        plan = Plan.objects.create(organization=organization, year=spec["year"], **spec["fields"])
        for order, (unit, duties) in enumerate(spec["duties"], start=1):
            plan.duties.create(order=order, unit=unit, duties=duties)
        if "imported_from" in spec:
            _import_tasks(plan, spec)
        for content, note, leads, supports, timing, output in (
            [] if "imported_from" in spec else spec["tasks"]
        ):
            task_create(
                plan=plan,
                data=TaskData(
                    content=content,
                    responsibility_note=note,
                    leads=[_unit(organization, v) for v in leads],
                    supports=[_unit(organization, v) for v in supports],
                    timing_text=timing,
                    output=output,
                ),
            )
        if spec["status"] == PlanStatus.SUBMITTED:
            # Still waiting for its director: told, even when the demo replays its year muted.
            with handoffs.muted(False):
                plan_submit(plan=plan, user=User.objects.get(username=spec["submitted_by"]))
        elif spec["status"] == PlanStatus.APPROVED:
            plan_submit(plan=plan, user=User.objects.get(username=spec["submitted_by"]))
            plan_approve(plan=plan, user=User.objects.get(username=spec["approved_by"]))
        result.append((plan, True))
    return result


# --- the current year ---------------------------------------------------------------------------
LABOUR = PLANS[0]["organization"]
# Who records a unit's work: the head of Phòng Người có công for it, the secretary for the rest.
HEAD, HEAD_UNIT, SECRETARY_LOGIN = "truongphong", "Phòng Người có công", "thuky"
EVIDENCE_NOTES = [
    "Đã hoàn thành, hồ sơ lưu tại Văn phòng Sở.",
    "Đã thực hiện theo kế hoạch; báo cáo gửi kèm.",
    "Hoàn thành; biên bản đính kèm.",
]


# What closes items of the plan when the demo enters this year's objectives and their results.
ENTERED_LATER = {OBJECTIVES_APPROVED, OBJECTIVE_RESULTS}


@dataclass
class CurrentPlan:
    plan: Plan
    created: bool
    done: int = 0
    overdue: int = 0
    due_soon: int = 0


def _evidence_pdf() -> bytes:
    html = "<h1>Minh chứng</h1><p>Hồ sơ, báo cáo kết quả thực hiện công việc của kế hoạch.</p>"
    return demo_pdf(html)


def overdue_allowance(due_so_far: int) -> int:
    """How many of the items due so far the demo leaves undone: a few, always fewer than a
    quarter (one in five, none of the first three)."""
    return due_so_far // 5 if due_so_far > 3 else 0


@transaction.atomic
def load_current_plan(today: datetime.date) -> CurrentPlan:
    """Sở LĐTBXH's plan of ``today``'s year, copied forward from its latest seed plan as an agency
    does (the years in its texts move), approved in early January, its work done so far with
    evidence on the days it was done, the latest few items left overdue."""
    organization = Organization.objects.get(name=LABOUR)
    existing = Plan.objects.filter(organization=organization, year=today.year).first()
    if existing is not None:
        return CurrentPlan(existing, False)
    source = (
        Plan.objects.filter(organization=organization, status=PlanStatus.APPROVED)
        .order_by("-year", "-version")
        .first()
    )
    plan = plan_create(organization=organization, year=today.year, copy_from=source)
    secretary = User.objects.get(username=SECRETARY_LOGIN)
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=User.objects.get(username="giamdoc"))
    result = CurrentPlan(plan, True)
    result.done, result.overdue = _progress(plan, today, secretary)
    return result


def _progress(plan: Plan, today: datetime.date, secretary: User) -> tuple[int, int]:
    """Close the items due before today, a few days before their deadline, except the latest
    few: those stay overdue, as at any agency. The objectives' items are not left: the demo
    enters the year's objectives and results afterwards, which would close them."""
    due = list(
        WorkItem.objects.open()
        .filter(task__plan=plan, due_date__lt=today)
        .select_related("department", "task")
        .order_by("due_date", "pk")
    )
    by_hand = [item for item in due if item.task.fulfilled_by not in ENTERED_LATER]
    late = set(by_hand[len(by_hand) - min(overdue_allowance(len(due)), len(by_hand)) :])
    head = User.objects.get(username=HEAD)
    pdf = _evidence_pdf()
    january = datetime.date(today.year, 1, 1)
    for number, item in enumerate(item for item in due if item not in late):
        done_on = max(january, min(today, item.due_date - datetime.timedelta(days=number % 5)))
        by_head = item.department is not None and item.department.name == HEAD_UNIT
        work_item_complete(
            item=item,
            user=head if by_head else secretary,
            note=EVIDENCE_NOTES[number % len(EVIDENCE_NOTES)],
            files=[ContentFile(pdf, name=f"minh-chung-{item.task.order}-{item.period_key}.pdf")],
            done_on=done_on,
        )
    return len(due) - len(late), len(late)
