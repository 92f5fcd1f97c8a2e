"""The duplicates pack on sentences editors actually write: doubled characters, repeats on the seeds."""

from __future__ import annotations

import pytest

from conftest import run_json, seed

LEGITIMATE = [
    "一条条举措、一件件实事",
    "清清白白做人，堂堂正正做事",
    "大家来看一看",
    "常常、牢牢、人人、天天、年年、渐渐、谢谢、星星、妈妈、往往、刚刚、仅仅、默默、紧紧",
    "他的的确确是好样的",
    "工会会员发展展现新气象",
    "这是我们的目的的所在",
    "为了了解职工需求，除了了解情况",
    "这件事不了了之",
    "实实在在为职工办事，和和美美过日子",
    "现在在岗职工有多少",
    "作为参与与会代表",
    "经济形势方向向好",
    "服从从大局出发",
    "这是目的的确定过程",
    "促进经济和和平发展",
    "会议议程已经印发",
    "大家看了了解到的情况",
    "会上还就就业问题进行了讨论",
    "他对对方的战术早有准备",
    "记者王丽丽采访了职工",
    "广泛开展普惠惠农活动",
    "这个节日年年举办，家家户户都参加",
    "车间主任说：“这个方案我们再研究研究。”",
    "园区欣欣向荣，他侃侃而谈，工具摆放得井井有条",
    "二〇二二年，他被评为劳模",
    "老师傅一步一步把工艺落到实处",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_doubles_are_not_reported(lint_text, text):
    assert lint_text(text, ["duplicates.doubled-character"]) == []


@pytest.mark.parametrize(
    ("text", "double"),
    [
        ("全面从从严治党", "从从"),
        ("这是河南工会的的生动实践", "的的"),
        ("完成了了全年任务", "了了"),
        ("职工和和家属", "和和"),
        ("把把职工放在心上", "把把"),
        ("全市新建基层工工会组织126家", "工工"),
        ("他说，这次培训就就是要解决技能短板", "就就"),
        ("这项工作不不能停留在纸面上", "不不"),
        ("企业负责人和和职工代表协商工资", "和和"),
        ("市总工会持续推进推进阵地建设", "推进推进"),
        ("幸福感不断不断增强", "不断不断"),
        ("我们将进一步进一步完善服务体系", "进一步进一步"),
        ("切实维护职工权益职工权益", "职工权益职工权益"),
    ],
)
def test_accidental_doubles_are_reported(lint_text, text, double):
    (d,) = lint_text(text, ["duplicates.doubled-character"])
    half = double[: len(double) // 2]
    assert d.text == double and d.fix == half and d.applicability == "unsafe"
    assert half in d.message


def test_a_word_doubled_across_a_broken_line_keeps_the_line_break(lint_text):
    text = "全市各级工会深入基层，持续推进\n推进职工之家建设。"
    (d,) = lint_text(text, ["duplicates.doubled-character"])
    assert text[: d.start] + d.fix + text[d.end :] == "全市各级工会深入基层，持续推进\n职工之家建设。"


def test_a_headline_ending_in_the_word_the_next_paragraph_begins_with_is_not_a_double(lint_text):
    assert lint_text("全省工会召开劳模表彰大会\n大会表彰了100名劳动模范。", ["duplicates"]) == []


def test_the_word_list_is_read_only_when_a_double_is_found(lint_text):
    from unionlint import words

    words._table.cache_clear()
    assert lint_text("全省各级工会扎实推进职工之家建设。", ["duplicates.doubled-character"]) == []
    assert words._table.cache_info().currsize == 0
    lint_text("这是河南工会的的生动实践。", ["duplicates.doubled-character"])
    assert words._table.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "全省各级工会要加强自身建设，全省各级工会要加强自身建设，不断提升能力。",
            "全省各级工会要加强自身建设，不断提升能力。",
        ),
        ("他表示，将继续扎根一线，继续扎根一线，带好徒弟。", "他表示，将继续扎根一线，带好徒弟。"),
        ("职工们说，这样的活动很接地气，这样的活动很接地气！", "职工们说，这样的活动很接地气！"),
    ],
)
def test_a_clause_typed_twice_in_a_row_is_deleted_with_its_mark(lint_text, text, fixed):
    (d,) = lint_text(text, ["duplicates"])
    assert d.rule == "duplicates.repeated-clause" and d.applicability == "unsafe"
    assert text[: d.start] + d.fix + text[d.end :] == fixed


def test_a_sentence_repeated_apart_in_one_paragraph_is_reported_without_fix(lint_text):
    text = "慰问组走进车间，向坚守岗位的职工送上节日问候。随后，慰问组走进车间，向坚守岗位的职工送上节日问候。"
    (d,) = lint_text(text, ["duplicates"])
    assert d.rule == "duplicates.repeated-clause" and d.fix is None
    assert d.text == "慰问组走进车间，向坚守岗位的职工送上节日问候"


@pytest.mark.parametrize(
    "text",
    [
        "第一，要提高思想认识；第二，要加强组织领导；第三，要抓好工作落实。",
        "会上，张建国作了工作报告，李华作了发言，张建国还为获奖职工颁奖。",
        "《劳动合同法》对试用期作了规定，用人单位应当遵守《劳动合同法》，不得随意延长试用期。",
        "他笑着说：“加油！加油！”",
        "比的是技能，比的是作风，比的是精神。",
    ],
)
def test_names_titles_and_parallel_clauses_are_not_repeats(lint_text, text):
    assert lint_text(text, ["duplicates"]) == []


def test_a_headline_typed_again_is_deleted(lint_text):
    body = "本报讯（记者 王芳）12日，省总工会召开全委会。"
    for text in (f"省总工会召开全委会\n省总工会召开全委会\n{body}", f"省总工会召开全委会\n省总工会召开全委会 {body}"):
        (d,) = lint_text(text, ["duplicates"])
        assert d.rule == "duplicates.repeated-headline" and d.line == 2
        assert text[: d.start] + d.fix + text[d.end :] == f"省总工会召开全委会\n{body}"
    assert lint_text(f"省总工会召开全委会\n{body}", ["duplicates"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "截至目前，全县已建成职工书屋56家。\n截至目前，全县已建成职工书屋58家。",
        "会议由市总工会党组书记、主席王强主持。\n会议由市总工会党组书记、主席王强主持",
        "培训结束后，学员们还进行了结业考核。\n\n培训结束后，学员们还进行了结业考试。",
    ],
)
def test_short_paragraphs_differing_in_punctuation_or_two_characters_are_reported(lint_text, text):
    (d,) = lint_text(text, ["duplicates"])
    assert (
        d.rule in ("duplicates.similar-paragraph", "duplicates.repeated-paragraph")
        and d.end_line == text.count("\n") + 1
    )


def test_the_same_clause_under_two_articles_of_a_law_is_not_a_repeat(lint_text):
    clause = "经审查符合规划要求的，城市、县人民政府城乡规划主管部门应当在法定期限内核发许可证。"
    text = f"第三十九条 申请材料如下：\n（四）标绘有拟用地位置的地形图；\n{clause}\n第四十条 申请材料如下：\n（四）标绘有拟用地位置的地形图；\n{clause}"
    assert lint_text(text, ["duplicates"]) == []
    assert [d.end_line for d in lint_text(f"{clause}\n中间一段。\n{clause}", ["duplicates"])] == [3]


def test_repeated_statement_on_seed_000_and_nothing_on_the_official_report():
    _, found = run_json("--select", "duplicates", seed("000"), seed("002"), seed("004"))
    assert [(d["path"][-24:-21], d["line"], d["rule"]) for d in found] == [("000", 35, "duplicates.repeated-statement")]
    assert "第33行" in found[0]["message"]


def test_a_repeated_statement_never_ends_inside_a_number(lint_text):
    found = lint_text("截至目前，全县已建成职工书屋56家。\n截至目前，全县已建成职工书屋58家。", ["duplicates"])
    assert [d.rule for d in found] == ["duplicates.similar-paragraph"]
