"""What the demo history draws from: names (and how Chinese colleagues write the foreign ones),
companies, areas, the outcomes' weights, the Friday notes, project names and the stages."""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建国建华志强海燕红梅晓东春生文博子涵雨桐浩然"
PINYIN = (
    "Li Wei",
    "Zhang Min",
    "Wang Fang",
    "Chen Jie",
    "Liu Yang",
    "Zhao Lei",
    "Anna Schmidt",
    "David Wong",
    "Maria Lopez",
    "Tom Becker",
    "Sarah Kim",
    "Kevin Zhou",
    "Emily Chan",
    "Peter Hansen",
    "Lucy Liu",
)
COMPANIES = (
    "华远建材",
    "中建三局",
    "万科物业",
    "龙湖地产",
    "金隅集团",
    "北辰实业",
    "首开股份",
    "居然之家",
    "红星美凯龙",
    "东方雨虹",
    "北新建材",
    "海尔智家",
    "美的楼宇",
    "远大科技",
    "欧派家居",
    "索菲亚",
    "Siemens Building",
    "Schindler",
    "ABB China",
    "Honeywell",
    "自营装修队",
    "个人业主",
)
# The same people and companies as Chinese colleagues write them: the demo a zh-CN user makes
# reads in Chinese only (the history is otherwise the same, seed for seed).
CHINESE_NAMES = dict(
    zip(
        PINYIN,
        (
            "李伟",
            "张敏",
            "王芳",
            "陈杰",
            "刘洋",
            "赵磊",
            "安娜·施密特",
            "黄大卫",
            "玛丽亚·洛佩斯",
            "汤姆·贝克尔",
            "金莎拉",
            "周凯文",
            "陈爱美",
            "彼得·汉森",
            "刘露西",
        ),
        strict=True,
    )
)
CHINESE_COMPANIES = {
    "Siemens Building": "西门子楼宇科技",
    "Schindler": "迅达电梯",
    "ABB China": "施耐德电气",
    "Honeywell": "霍尼韦尔",
}
AREAS = ("朝阳", "海淀", "望京", "东城", "西城", "丰台", "通州", "昌平", "顺义", "大兴")
CALL_OUTCOMES = (
    ("reached", 40),
    ("no-answer", 25),
    ("busy", 8),
    ("callback", 10),
    ("appointment", 6),
    ("not-interested", 8),
    ("consultation", 2),
    ("wrong-number", 1),
)
VISIT_OUTCOMES = (
    ("reached", 60),
    ("consultation", 15),
    ("order", 8),
    ("callback", 12),
    ("not-interested", 5),
)
NOTES = (
    ("competitor", "竞品在{area}推出九折促销"),
    ("competitor", "对手新开{area}展厅"),
    ("policy", "{area}区工作日限行，拜访改早班"),
    ("policy", "{area}装修审批流程简化"),
    ("promotion", "本周{area}小区推广活动带来{n}个新线索"),
    ("general", "与设计师对齐{area}项目需求"),
)
PROJECT_NAMES = (
    "幕墙改造",
    "空调系统",
    "地暖工程",
    "智能照明",
    "精装交付",
    "外墙保温",
    "新风系统",
    "门窗更换",
)
STAGES = ("design", "bidding", "detailing", "delivery", "acceptance")
