"""The ISO steering committee (Ban Chỉ đạo ISO): its compositions, each issued by a decision, and
their members; "kiện toàn" is a new composition that supersedes the one in force."""
