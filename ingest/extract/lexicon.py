"""Word lists the extractor anchors on, and the spaCy phrase patterns built from them.

Everything here is data: trigger words that announce a person, a waybill, an order number
or a shop name; carrier and platform names; the brand aliases from ``ingest/data/brands.tsv``;
the words names are built from (legal-form suffixes, industry words, surnames) and the words
that end them. :func:`gazetteer_patterns` turns the phrase lists into SpanRuler patterns
(label = what the phrase announces, id = the code it stands for), validated by spaCy when the
pipeline is built.
"""

from __future__ import annotations

from typing import Final

from .. import brands


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Labels of gazetteer spans (phrase matches), as opposed to entity types.
T_PERSON: Final = "T_PERSON"  # 卖家, 收件人… : a person's name follows
T_WAYBILL: Final = "T_WAYBILL"  # 运单号, 快递单号… : a waybill number follows
T_ORDER: Final = "T_ORDER"  # 订单号, 银行卡号… : a number follows that is NOT a waybill/phone
T_USCC: Final = "T_USCC"  # 统一社会信用代码… : an 18-char code follows
T_SHOP: Final = "T_SHOP"  # 店铺, 网店… : a quoted shop name may follow
T_SHOP_NAME: Final = "T_SHOP_NAME"  # 店铺名称, 店名… : a shop name follows, quoted or not
T_ADDRESS: Final = "T_ADDRESS"  # 地址, 发货地, 位于… : an address follows
R_COMPLAINANT: Final = "R_COMPLAINANT"  # 投诉人, 来电人, 我… : what follows is the complainant's
R_ACCUSED: Final = "R_ACCUSED"  # 卖家, 客服, 发货地, 厂家… : what follows is the accused's
R_OTHER: Final = "R_OTHER"  # 快递员, 执法人员…: what follows is a third party's
CARRIER: Final = "CARRIER"  # 顺丰… (id: carrier code)
PLATFORM: Final = "PLATFORM"  # 淘宝… (id: platform code)
BRAND: Final = "BRAND"  # brand alias (id: brand slug)
TRIGGER_LABELS: Final = frozenset({T_PERSON, T_WAYBILL, T_ORDER, T_USCC, T_SHOP, T_SHOP_NAME})
# Role words are grouped apart: one of them may overlap a trigger word (卖家 is both).
ROLE_LABELS: Final = frozenset({R_COMPLAINANT, R_ACCUSED, R_OTHER})

PERSON_TRIGGERS: Final = _words(
    "卖家 负责人 寄件人 收件人 发件人 发货人 收货人 收款人 店主 店长 老板叫 老板是 老板 法人"
    " 法人代表 法定代表人 联系人 姓名 经营者 当事人 举报人 投诉人 来电人 反映人 主播 业务员"
    " 实际控制人 厂长 户主 出租人 承租人 快递员 市民 消费者 顾客 网友 群众 商户 实名 实名信息"
    " 嫌疑人 犯罪嫌疑人 户名 账户名"
)
WAYBILL_WORDS: Final = _words(
    "运单 运单号 运单号码 运单编号 单号 快递单 快递单号 快递号 物流单号 物流单 物流号 面单"
    " 面单号 退货单号 包裹号"
)
# Numbers after these are orders, payments, tickets, bank cards or serials: never waybills
# or phones. (Listing ids after a platform name are read before these are claimed.)
ORDER_WORDS: Final = _words(
    "订单 订单号 订单编号 子订单号 交易号 交易单号 支付单号 商户单号 流水号 退款单号 工单号"
    " 工单编号 投诉单号 受理号 案件编号 银行卡 银行卡号 卡号 账号 帐号 账户 银行账户 收款账户"
    " 发票号 发票代码 发票号码 批号 生产批号 条码 条形码 商品条码 商品编码 商品ID 商品编号"
    " 宝贝ID 序列号 IMEI 防伪码"
)
USCC_WORDS: Final = _words(
    "统一社会信用代码 社会信用代码 信用代码 营业执照 营业执照号 注册号 纳税人识别号 税号"
)
SHOP_WORDS: Final = _words("店铺 网店 小店 微店 商家 卖家 门店 商铺 摊位 档口 直播间")
SHOP_NAME_WORDS: Final = _words("店铺名称 店铺名 店名 网店名称 网店名 店铺叫 摊位名")
ADDRESS_WORDS: Final = _words(
    "地址 地址为 地址是 发货地 发货地址 发货地点 寄件地址 寄件地 发件地址 退货地址 收货地址"
    " 收件地址 厂址 住址 家住 住在 仓库地址 仓库位于 仓库在 工厂位于 工厂在 厂房位于 位于 坐落于"
    " 经营地址 注册地址 实际经营地址 生产地址 生产地 窝点位于 窝点在 档口位于 门店位于 发货仓"
)
# Whose an identifier is (mention roles): the nearest of these before it, in its clause.
# A complainant (投诉人, usually a consumer) is a victim, never a lead: their phone, name,
# ID and address are personal data to protect (DOMAIN.md, 000 §12).
COMPLAINANT_WORDS: Final = _words(
    "投诉人 举报人 来电人 来电号码 来电电话 来电 反映人 诉求人 申诉人 消费者 本人 我 我的 我家"
    " 买家 收件人 收货人 收件地址 收货地址 收件电话 收货电话 回访电话 回复电话 联系本人 实名举报"
    " 投诉方 举报方 顾客 网友 市民 群众 患者 家住 住在 住址 我方 我司 我公司 权利人 品牌方 律师"
    " 代理人 委托人 诉求人住址"
)
ACCUSED_WORDS: Final = _words(
    "卖家 商家 店家 店铺 网店 小店 店主 店长 客服 客服电话 发货 发件人 寄件人 寄件 发货人 发货地"
    " 发货地址 寄件地址 退货地址 厂家 工厂 厂址 厂房 仓库 涉事 被投诉人 被投诉方 被举报人 被举报方"
    " 对方 经营者 老板 供货 上家 窝点 生产 法定代表人 法人 实际控制人 负责人 嫌疑人 当事人 主播"
    " 业务员 销售 售假 代理 微商 档口 摊主 商户 公司 该店 该厂 店址 店铺地址 发件地址 寄件人电话"
)
OTHER_WORDS: Final = _words(
    "快递员 快递小哥 派送员 工作人员 民警 市场监督管理局 市场监管局 监管局 执法大队 派出所"
    " 公安机关 见证人 管理员 房东"
)
CARRIER_NAMES: Final = {
    "顺丰": "SF",
    "顺丰速运": "SF",
    "极兔": "JT",
    "极兔速递": "JT",
    "京东": "JD",
    "京东快递": "JD",
    "京东物流": "JD",
    "圆通": "YT",
    "申通": "STO",
    "中通": "ZTO",
    "韵达": "YD",
    "邮政": "EMS",
    "EMS": "EMS",
    "中国邮政": "EMS",
}
PLATFORM_NAMES: Final = {
    "天猫": "tmall",
    "淘宝": "taobao",
    "京东": "jd",
    "拼多多": "pdd",
    "1688": "1688",
    "阿里巴巴": "1688",
    "抖音": "douyin",
    "抖店": "douyin",
    "快手": "kuaishou",
    "闲鱼": "xianyu",
    "小红书": "xiaohongshu",
    "微信": "wechat",
}

# Names: legal-form suffixes of organisations, suffixes of shops.
ORG_SUFFIXES: Final = _words(
    "股份有限公司 有限责任公司 有限公司 分公司 公司 商行 经营部 批发部 门市部 工作室 加工厂 厂"
    " 合作社"
)
SHOP_SUFFIXES: Final = _words(
    "官方旗舰店 旗舰店 专卖店 专营店 直营店 折扣店 体验店 精品店 工厂店 集合店 店"
)
# Words inside names that do not make them distinctive ("鞋厂", "服装店" are no names).
INDUSTRY_WORDS: Final = _words(
    "电子商务 信息技术 供应链 文化传媒 体育用品 进出口 日用品 贸易 商贸 科技 实业 鞋业 鞋服"
    " 服饰 服装 皮具 皮件 箱包 电子 网络 软件 销售 生产 经营 食品 酒业 化妆品 日化 包装 印刷"
    " 物流 快递 传媒 体育 用品 制品 制造 电器 五金 发展 投资 管理 技术 纺织 针织 制衣 百货"
    " 官方 自营 加工 实体 线下 零售 便利 知识产权 代理 咨询 服务 小 商 网 门 分 总 鞋 一"
)
# A name never reaches back across these: function words, verbs of the report, roles,
# platforms. Words that occur inside names (上海, 成都, 黑龙江, 华为, 本田…) must not be here.
NAME_STOP_WORDS: Final = tuple(
    sorted(
        _words(
            "在 从 于 的 是 与 和 及 或 被 向 给 对 将 把 由 系 即 叫 到 往 据 并 也 还 已 找 去"
            " 为 了 该 称 说 一家 这家 那家 某家 位于 来自 举报 投诉 反映 涉嫌 涉事 发现 查获"
            " 查处 购买 买了 下单 联系 委托 供货 发货 寄件 收件 卖家 商家 厂家 店铺 网店 当事人"
            " 法人 负责人 经营者 名称 无证 非法 地下 小型 家庭式 私人 老板 疑似 假冒 冒充 仿冒"
            " 侵犯 侵权 属于 所属 对接 合作 要求 核查 调查 前往 出自 产自 以及 实为 天猫 淘宝"
            " 京东 拼多多 抖音 快手 闲鱼 小红书 微信 1688 直播间 主体 平台 权利人 品牌方 某 另有"
            " 多家 两家 几家 各家 每家 请 督促 责令"
        )
        + PERSON_TRIGGERS,
        key=len,
        reverse=True,
    )
)
COMPOUND_SURNAMES: Final = _words(
    "欧阳 司马 诸葛 上官 东方 慕容 令狐 皇甫 尉迟 公孙 长孙 宇文 司徒 夏侯 端木"
)
# Common single-character surnames. Characters that are everyday function words (和, 于, 向,
# 成, 时, 万…) are left out, so "卖家和快递员" names nobody.
SURNAMES: Final = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵钱严覃武戴莫孔汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞"
    "姬师仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝匡鞠惠荆冀郁胥班储栗燕楚鄢谌奚皮粟冼蔺"
    "楼满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初容敬扈晁芮阙浦戈伏鹿薄邸雍辜"
    "羊母裘亓修邰赫杭况宿鲜逯隆茹诸战慕危亢嵇湛戎勾茅揭冶斯束檀昝智幸奉植衡富尧闭"
)
# Characters that start the word after a name (电话, 地址, 陈述, 常年, 方面…): never a
# given-name character in that position.
NOT_GIVEN_NAME: Final = frozenset(
    "电手联地住身称说在于的等及和与告表系是了也都还就将把被给向从对以已曾又微号寄收卖买讲要让通"
    "用经负发店现涉自因该其这那并且或共先女男老家述辩年面省市区县镇村路街分"
)
HONORIFICS: Final = _words("先生 女士 小姐 老板 师傅 经理 总 某某 某")


def gazetteer_patterns() -> list[dict[str, str]]:
    """SpanRuler phrase patterns: triggers, carriers, platforms and brand aliases."""
    patterns: list[dict[str, str]] = []
    for label, words in (
        (T_PERSON, PERSON_TRIGGERS),
        (T_WAYBILL, WAYBILL_WORDS),
        (T_ORDER, ORDER_WORDS),
        (T_USCC, USCC_WORDS),
        (T_SHOP, SHOP_WORDS),
        (T_SHOP_NAME, SHOP_NAME_WORDS),
        (T_ADDRESS, ADDRESS_WORDS),
        (R_COMPLAINANT, COMPLAINANT_WORDS),
        (R_ACCUSED, ACCUSED_WORDS),
        (R_OTHER, OTHER_WORDS),
    ):
        patterns.extend({"label": label, "pattern": word} for word in words)
    for label, table in ((CARRIER, CARRIER_NAMES), (PLATFORM, PLATFORM_NAMES)):
        patterns.extend({"label": label, "pattern": w, "id": code} for w, code in table.items())
    for brand in brands.all_brands():
        patterns.extend({"label": BRAND, "pattern": a, "id": brand.slug} for a in brand.aliases)
    return patterns
