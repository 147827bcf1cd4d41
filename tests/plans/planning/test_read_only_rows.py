"""The read-only task rows are written in Python (plan_tags.read_only_task_rows): they must be
what the template wrote — each cell escaped, its lines broken, the number spanning sub-rows."""

from types import SimpleNamespace

from django.template import Context, Template

from plans.page_breaks import row_may_split
from plans.templatetags.plan_tags import read_only_task_rows

TEMPLATE = Template(
    '{% for task, cells, span in doc.grouped_rows %}<tr id="task-{{ task.pk }}"'
    '{% if task.split %} class="doc-row-split"{% endif %}>'
    "{% for value in cells %}{% if not forloop.first %}<td>{{ value|linebreaksbr }}</td>"
    '{% elif span %}<td class="text-center"{% if span > 1 %} rowspan="{{ span }}"{% endif %}>'
    "{{ value|linebreaksbr }}</td>{% endif %}{% endfor %}</tr>\n{% endfor %}"
)


def test_the_rows_are_those_the_template_wrote():
    columns = [SimpleNamespace(width=width) for width in (5, 60, 35)]
    long = "Một việc rất dài " * 80  # may split across pages
    rows = [
        (1, ["1", "Rà soát <quy trình> & biểu mẫu\r\nHằng quý", "A"], 2),
        (2, ["", 'Báo cáo "kết quả"\nlần 2', "B\rC"], 0),
        (3, ["2", long, "Việc '3'"], 1),
    ]
    doc = SimpleNamespace(
        grouped_rows=[
            (SimpleNamespace(pk=pk, split=row_may_split(cells, [5, 60, 35])), cells, span)
            for pk, cells, span in rows
        ]
    )
    assert [task.split for task, _cells, _span in doc.grouped_rows] == [False, False, True]
    written = read_only_task_rows(doc, columns)
    assert written == TEMPLATE.render(Context({"doc": doc}))
    assert "&lt;quy trình&gt; &amp; biểu mẫu<br>Hằng quý" in written
    assert '<td class="text-center" rowspan="2">1</td>' in written
    assert '<tr id="task-2"><td>' in written  # a sub-row: no number cell
