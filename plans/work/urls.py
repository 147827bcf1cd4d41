from django.urls import path

from . import reminder_views as reminders
from . import views as work

# Included by plans/urls.py without a namespace of its own: the names stay plans:unit_work…
urlpatterns = [
    path("cong-viec-don-vi/", work.unit_work, name="unit_work"),
    path("cong-viec-don-vi/<int:pk>/", work.work_item_detail, name="work_item_detail"),
    path("cong-viec-don-vi/<int:pk>/mo-lai/", work.work_item_reopen_view, name="work_item_reopen"),
    path("minh-chung/<int:pk>/", work.evidence_download, name="evidence_download"),
    path("su-kien/", work.event_list, name="event_list"),
    path("cho-phe-duyet/", work.waiting_list, name="waiting_list"),
    path("thong-bao/", reminders.notification_list, name="notification_list"),
    path("thong-bao/<int:pk>/", reminders.notification_detail, name="notification_detail"),
    path("thong-bao/da-doc/", reminders.notifications_read_all, name="notifications_read_all"),
    path("lich/<str:token>.ics", reminders.person_feed, name="person_feed"),
    path("lich/don-vi/<str:token>.ics", reminders.unit_feed, name="unit_feed"),
]
