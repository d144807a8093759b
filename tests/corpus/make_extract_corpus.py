"""Write ``extract_corpus.jsonl``: hand-written complaint texts with hand-made annotations.

The texts and their annotations are written here by hand; this script only fills in
identifiers that need real check digits (USCC per GB 32100, resident ID per ISO 7064,
EMS per UPU S10) and checks every annotated value against the graph's identifier types and
region table, so a typo in the annotations fails here rather than as a wrong score. It
never runs the extractor. Run it after editing the texts:

    python tests/corpus/make_extract_corpus.py

Annotation guide (what a careful human marks, whether or not the extractor finds it):
- PHONE: every phone number (mobile, landline with area code, 400/800), as E.164.
- USCC: an 18-character code with a valid check digit; USCC_INVALID: one in USCC form whose
  check digit is wrong (compact text); ID_CARD: a valid resident ID number. An invalid ID
  number, an order number or a bank card number is nothing.
- WAYBILL: every waybill number as CARRIER:NUMBER, carrier from the number's letters or the
  carrier named with it, UNK when none is named.
- URL (canonical, ``https://`` added to bare platform links) and PLATFORM_ID
  (``tmall-item:…``, ``douyin-shop:…``) for listing and shop ids, in links or in text.
- SHOP: store names (web shops, stalls, live rooms' shops, stores named …店), normalised.
- BRAND: brands in ``ingest/data/brands.tsv`` only (slug); other brands are not marked.
- ORG: businesses (companies, factories, firms, workshops, cooperatives) by full legal name;
  government bodies are not marked.
- PERSON: natural persons' names, including 王某/王先生 forms; not account nicknames.
- REGION: each place or address mention (a run of place names), as the most specific
  GB/T 2260 code it names; place names inside brand names (云南白药) are not places.
- ADDRESS: every postal address mention, with or without a province/city/county prefix: a
  place the text locates below town level by a road, street or lane (路、街、大道、弄), a house
  number (号), a village (村), or a *named* building, mall, market, trade city, industrial
  park/zone or logistics park (大厦、广场、市场、商贸城、服装城、工业园、工业区、物流园), with
  any building, floor, room, unit or stall after it (3栋4楼, 1803室, 218号档口, 3号库).
  Annotated as the span as written, from its first place name (or its first street part
  when no place is named) to its last part; the label before it (发货地、地址：、位于、厂址在)
  and the generic word after it (仓库、厂房、的直播间) are outside the span. The jsonl value is
  ``cluehub.ingest.addresses.canonical(span).text`` (the form that keys ``addr:`` nodes),
  with no region passed in, so an address without a place prefix (太和镇大源北路88号) stays
  as written even when the text names its city elsewhere; the span is kept beside it as
  ``text``. Not addresses (REGION only, if a place is named):
  a bare run of place names, also when it ends in a town or subdistrict (莆田市荔城区西天尾镇,
  杭州市余杭区仓前街道); a locality without a street part (三里屯, 深圳水贝, 广州十三行); a
  generic place (某仓库, 一处民房, 一批发市场, 白沟镇的箱包市场, 保税区仓库); a named street
  part with neither a place prefix nor a number (我区万达广场); a carrier's depot (韵达快递
  义乌分拨中心).
- role, on every PHONE, PERSON, ID_CARD and ADDRESS annotation (no other type has one):
  ``complainant``: the party complaining or reporting and their own identifiers (投诉人、
  举报人、来电人、诉求人、消费者本人、我…; their ID, phone, home address, the receiving address
  of their own parcel; a rights holder's lawyer or agent who files the complaint; a ticket's
  contact phone, which is the caller's). ``accused``: the seller side (shop owner, seller,
  客服/售后电话, 发货地/发货人/寄件人 of the parcel complained of, the factory, workshop,
  warehouse and its keeper, a suspect and the suspect's people, the inspected party 当事人,
  the shop's or stall's location; in a logistics or inspection note without a complaint,
  the sender and the inspected party too). ``other``: everyone else or unclear (witnesses, couriers,
  officials and a bureau's own address, landlords, recipients who are not the complainant,
  a recipient on a bare waybill note). One value has one role in a text.
Scoring compares sets of (type, value) per text; role accuracy is scored on the entities the
extractor finds that match a gold one.
"""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

from cluehub.graph import regions
from cluehub.graph.identifiers import (
    ID_CARD,
    URL,
    USCC,
    WAYBILL,
    normalize_name,
    s10_check_digit,
)
from cluehub.ingest import brands
from cluehub.ingest.addresses import canonical

OUT = Path(__file__).with_name("extract_corpus.jsonl")


def uscc(body17: str) -> str:
    return body17 + stdnum_uscc.calc_check_digit(body17)


def bad_check(code: str) -> str:
    """The same code with a wrong final character."""
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def ems(prefix: str, serial8: str, country: str = "CN") -> str:
    return prefix + serial8 + s10_check_digit(serial8) + country


U_JJ = uscc("91350582MA32HJ7K1")
U_YW_BAD = bad_check(uscc("91330782MA2ABCDE1"))
U_N = uscc("N2350524MA2XY0012")
U_NA = uscc("92350583MA2Y8K3L4")
U_SH = uscc("91310115MA1K4B2C3")
U_CD = uscc("91510104202012345")
U_PT = uscc("91350304MA2Y1234X")
U_PT_DASHED = "-".join([U_PT[0:4], U_PT[4:8], U_PT[8:12], U_PT[12:16], U_PT[16:18]])
ID_JJ = resident_id("35058219950526301")
ID_HB = resident_id("13060219930101252")
ID_DG = resident_id("44190019900808123")
ID_NA = resident_id("35058319960314551")
ID_GZ = resident_id("44011119921111002")
ID_GZ_SPACED = f"{ID_GZ[:6]} {ID_GZ[6:14]} {ID_GZ[14:]}"
ID_LC = resident_id("35030420050611002")  # ends in X
ID_BAD = bad_check(resident_id("11010519850612441"))
EMS_1 = ems("EA", "12345678")
ID_BY = resident_id("44011119900101123")
ID_JN = resident_id("51010619950615271")
ID_LZP = resident_id("35058219950416153")
ID_PN = resident_id("44528119960723175")
ID_GJH = resident_id("44190019920605213")
ID_SJ = resident_id("11010819940118282")
ID_DH = resident_id("42010319870305264")
U_HM = uscc("91440300MA5F8K2L3")
U_XY = uscc("91350322MA31X7B8P")
EMS_2 = ems("EB", "23456781")

# Roles (see the guide): on every PHONE, PERSON, ID_CARD and ADDRESS annotation.
COMPLAINANT, ACCUSED, OTHER = "complainant", "accused", "other"
ROLE_TYPES = frozenset({"PHONE", "PERSON", "ID_CARD", "ADDRESS"})

# (text, [(type, value) or (type, value, role)]); an ADDRESS value is its span as written.
CORPUS: list[tuple[str, list[tuple[str, ...]]]] = [
    (
        "【12315工单】投诉人李女士（电话13912345678）反映：2024年5月12日在抖音直播间“阿强潮鞋”"
        "购买耐克Air Force 1运动鞋一双，收到后发现鞋标粗糙，疑似假货。快递为中通，运单号"
        "75312345678901，寄件地址广东省广州市白云区三元里大道。",
        [
            ("PERSON", "李女士", COMPLAINANT),
            ("PHONE", "+8613912345678", COMPLAINANT),
            ("SHOP", "阿强潮鞋"),
            ("BRAND", "nike"),
            ("WAYBILL", "ZTO:75312345678901"),
            ("REGION", "440111"),
            ("ADDRESS", "广东省广州市白云区三元里大道", ACCUSED),
        ],
    ),
    (
        f"举报信：我实名举报晋江市陈埭镇鸿盛鞋业有限公司（统一社会信用代码{U_JJ}）长期生产假冒"
        f"阿迪达斯运动鞋。该厂实际控制人陈建国，身份证号{ID_JJ}，手机 186 5955 1234。厂房位于"
        "晋江市陈埭镇溪边工业区。举报人：吴先生，电话0595-85612345。",
        [
            ("ORG", "晋江市陈埭镇鸿盛鞋业有限公司"),
            ("REGION", "350582"),
            ("ADDRESS", "晋江市陈埭镇溪边工业区", ACCUSED),
            ("USCC", U_JJ),
            ("BRAND", "adidas"),
            ("PERSON", "陈建国", ACCUSED),
            ("ID_CARD", ID_JJ, ACCUSED),
            ("PHONE", "+8618659551234", ACCUSED),
            ("PERSON", "吴先生", COMPLAINANT),
            ("PHONE", "+8659585612345", COMPLAINANT),
        ],
    ),
    (
        "【平台通报】淘宝网监测发现店铺“潮牌折扣仓”销售疑似假冒古驰（Gucci）手袋，商品链接"
        "https://item.taobao.com/item.htm?id=712345678901，卖家实名认证主体为广州市白云区恒发"
        "皮具商行，经营地址广州市白云区三元里大道1088号，联系电话020-86543210。",
        [
            ("SHOP", "潮牌折扣仓"),
            ("BRAND", "gucci"),
            ("URL", "https://item.taobao.com/item.htm?id=712345678901"),
            ("PLATFORM_ID", "taobao-item:712345678901"),
            ("ORG", "广州市白云区恒发皮具商行"),
            ("REGION", "440111"),
            ("ADDRESS", "广州市白云区三元里大道1088号", ACCUSED),
            ("PHONE", "+862086543210", ACCUSED),
        ],
    ),
    (
        "【物流协查】顺丰速运反馈：寄件人刘某，寄件电话15859412345，寄件地址福建省莆田市荔城区"
        "黄石镇华林村，运单号SF1398765432101，收件人张先生，收件地址浙江省杭州市余杭区。同批次"
        "另有运单SF 1398 7654 3210 2。",
        [
            ("PERSON", "刘某", ACCUSED),
            ("PHONE", "+8615859412345", ACCUSED),
            ("REGION", "350304"),
            ("ADDRESS", "福建省莆田市荔城区黄石镇华林村", ACCUSED),
            ("WAYBILL", "SF:SF1398765432101"),
            ("PERSON", "张先生", OTHER),
            ("REGION", "330110"),
            ("WAYBILL", "SF:SF1398765432102"),
        ],
    ),
    (
        "现场检查笔录：执法人员于2024年6月3日对位于河北省保定市高碑店市白沟镇的箱包市场进行"
        "检查，当事人赵某某经营的“赵记箱包”档口陈列LV、香奈儿等品牌女包共计126个，当事人未能"
        f"提供授权证明。当事人身份证号：{ID_HB}。",
        [
            ("REGION", "130684"),
            ("PERSON", "赵某某", ACCUSED),
            ("SHOP", "赵记箱包"),
            ("BRAND", "louis-vuitton"),
            ("BRAND", "chanel"),
            ("ID_CARD", ID_HB, ACCUSED),
        ],
    ),
    (
        "直播监测：快手主播“鞋王小陈”在直播中以“工厂直发”名义销售假冒匡威帆布鞋，快手小店ID "
        "889900123，引导消费者添加微信号 xzshoes888，收款账号6217 0012 3456 7890 123。主播自称"
        "货源来自莆田。",
        [
            ("BRAND", "converse"),
            ("PLATFORM_ID", "kuaishou-shop:889900123"),
            ("REGION", "350300"),
        ],
    ),
    (
        "投诉：在拼多多购买的“华为”充电器是假货，订单号 240615-123456789012345，商家拒绝退款。"
        "拼多多商品链接 mobile.yangkeduo.com/goods.html?goods_id=398765432101 。我的银行卡号 "
        "6222 0212 3456 7890 123 已被扣款89元。",
        [
            ("BRAND", "huawei"),
            ("URL", "https://mobile.yangkeduo.com/goods.html?goods_id=398765432101"),
            ("PLATFORM_ID", "pdd-goods:398765432101"),
        ],
    ),
    (
        "来电人王先生称，其在闲鱼上购买的“SK-II神仙水”为假货，卖家手机号为"
        "１８９　５０１２　３４５６，另一个号码是 +86 137-0591-2345。",
        [
            ("PERSON", "王先生", COMPLAINANT),
            ("BRAND", "sk-ii"),
            ("PHONE", "+8618950123456", ACCUSED),
            ("PHONE", "+8613705912345", ACCUSED),
        ],
    ),
    (
        "经查，涉事企业义乌市优品日用品有限公司营业执照显示统一社会信用代码为"
        f"{U_YW_BAD}，与国家企业信用信息公示系统登记不一致，疑似伪造执照。企业位于义乌国际商贸城"
        "二区。",
        [
            ("ORG", "义乌市优品日用品有限公司"),
            ("REGION", "330782"),
            ("ADDRESS", "义乌国际商贸城二区", ACCUSED),
            ("USCC_INVALID", U_YW_BAD),
        ],
    ),
    (
        "消费者反映在某超市购买的“鸿星尔克”运动鞋和“回力”帆布鞋质量差，疑似仿冒，超市位于江西省"
        "南昌市红谷滩区。",
        [("REGION", "360113")],
    ),
    (
        "反映人称拨打商家客服热线400-820-1234无人接听，另有门店座机(021)62345678，门店位于"
        "上海市黄浦区南京东路。",
        [
            ("PHONE", "+864008201234", ACCUSED),
            ("PHONE", "+862162345678", ACCUSED),
            ("REGION", "310101"),
            ("ADDRESS", "上海市黄浦区南京东路", ACCUSED),
        ],
    ),
    (
        f"邮政EMS单号{EMS_1}，寄件人：孙某，寄自云南省昆明市五华区，另一件走中国邮政快递单号 "
        "9876543210123。",
        [
            ("WAYBILL", f"EMS:{EMS_1}"),
            ("PERSON", "孙某", ACCUSED),
            ("REGION", "530102"),
            ("WAYBILL", "EMS:9876543210123"),
        ],
    ),
    (
        "京东快递单号JDVA12345678901，收货人：何晓明，收货地址重庆市渝北区。京东商品编号"
        "100034567890，店铺为“宏达数码专营店”。",
        [
            ("WAYBILL", "JD:JDVA12345678901"),
            ("PERSON", "何晓明", OTHER),
            ("REGION", "500112"),
            ("PLATFORM_ID", "jd-item:100034567890"),
            ("SHOP", "宏达数码专营店"),
        ],
    ),
    (
        "极兔速递 JT3012345678901 与圆通 YT6789012345678 两个包裹均从广东省汕头市澄海区发出，"
        "包裹内为假冒乐高积木。",
        [
            ("WAYBILL", "JT:JT3012345678901"),
            ("WAYBILL", "YT:YT6789012345678"),
            ("REGION", "440515"),
            ("BRAND", "lego"),
        ],
    ),
    (
        "工单编号 202406150012345，受理时间2024-06-15。投诉人反映购买的戴森吹风机（序列号 "
        "X4A-US-MAA1234A）为假货，交易单号 4200001234202406151234567890。",
        [("BRAND", "dyson")],
    ),
    (
        "北京市朝阳区三里屯某服装店销售假冒加拿大鹅羽绒服，店主王某，电话 010-6512 3456。",
        [
            ("REGION", "110105"),
            ("BRAND", "canada-goose"),
            ("PERSON", "王某", ACCUSED),
            ("PHONE", "+861065123456", ACCUSED),
        ],
    ),
    (
        "吉林省长春市朝阳区红旗街一家商店销售假冒茅台酒，负责人姓名：周立新。",
        [
            ("REGION", "220104"),
            ("ADDRESS", "吉林省长春市朝阳区红旗街", ACCUSED),
            ("BRAND", "moutai"),
            ("PERSON", "周立新", ACCUSED),
        ],
    ),
    (
        "贵州省贵阳市白云区某仓库查获假冒老干妈辣椒酱500箱，仓库负责人为黄某。",
        [("REGION", "520113"), ("BRAND", "laoganma"), ("PERSON", "黄某", ACCUSED)],
    ),
    (
        f"东莞市虎门镇一服装加工厂被查，现场查获假冒优衣库吊牌2万余张，厂长谢某某，身份证{ID_DG}。",
        [
            ("REGION", "441900"),
            ("BRAND", "uniqlo"),
            ("PERSON", "谢某某", ACCUSED),
            ("ID_CARD", ID_DG, ACCUSED),
        ],
    ),
    (
        "线索：莆田安福电商城多家网店通过拼多多销售假冒新百伦运动鞋，其中店铺“NB潮鞋工厂店”的"
        "发货人为郑某，发货电话 13706981234。",
        [
            ("REGION", "350304"),
            ("ADDRESS", "莆田安福电商城", ACCUSED),
            ("BRAND", "new-balance"),
            ("SHOP", "NB潮鞋工厂店"),
            ("PERSON", "郑某", ACCUSED),
            ("PHONE", "+8613706981234", ACCUSED),
        ],
    ),
    (
        "天猫平台提交侵权投诉：商品 https://detail.tmall.com/item.htm?id=654321098765 假冒兰蔻"
        "小黑瓶，店铺为“美妆严选海外专营店”，商家主体杭州美颜电子商务有限公司，地址杭州市余杭区"
        "仓前街道。",
        [
            ("URL", "https://detail.tmall.com/item.htm?id=654321098765"),
            ("PLATFORM_ID", "tmall-item:654321098765"),
            ("BRAND", "lancome"),
            ("SHOP", "美妆严选海外专营店"),
            ("ORG", "杭州美颜电子商务有限公司"),
            ("REGION", "330100"),
            ("REGION", "330110"),
        ],
    ),
    (
        "1688平台商家“义乌市佳美饰品厂”（https://detail.1688.com/offer/623456789012.html）批发"
        "假冒潘多拉手链，联系人：楼女士，手机13957912345。",
        [
            ("SHOP", "义乌市佳美饰品厂"),
            ("ORG", "义乌市佳美饰品厂"),
            ("REGION", "330782"),
            ("URL", "https://detail.1688.com/offer/623456789012.html"),
            ("PLATFORM_ID", "1688-offer:623456789012"),
            ("PERSON", "楼女士", ACCUSED),
            ("PHONE", "+8613957912345", ACCUSED),
        ],
    ),
    (
        f"安溪县铁观音茶叶专业合作社（统一社会信用代码 {U_N}）被举报冒用地理标志“安溪铁观音”，"
        "法定代表人林国栋。",
        [
            ("ORG", "安溪县铁观音茶叶专业合作社"),
            ("REGION", "350524"),
            ("USCC", U_N),
            ("PERSON", "林国栋", ACCUSED),
        ],
    ),
    (
        f"当事人身份信息：姓名 冯志强，身份证号 {ID_NA}；所经营的南安市志强五金店统一社会信用代码 "
        f"{U_NA}。",
        [
            ("PERSON", "冯志强", ACCUSED),
            ("ID_CARD", ID_NA, ACCUSED),
            ("SHOP", "南安市志强五金店"),
            ("REGION", "350583"),
            ("USCC", U_NA),
        ],
    ),
    (
        "卖家江苏省苏州市吴中区，卖家昵称“苏州丝绸小铺”，销售假冒爱马仕丝巾。",
        [
            ("REGION", "320506"),
            ("SHOP", "苏州丝绸小铺"),
            ("REGION", "320500"),
            ("BRAND", "hermes"),
        ],
    ),
    (
        "协查通报：经查，上游货源为广东省揭阳市普宁市流沙镇某仓库，通过韵达快递发往河南省郑州市"
        "金水区、湖南省长沙市岳麓区等地，韵达运单号 432109876543210、432109876543211，发件人手机 "
        "159 1234 8765。",
        [
            ("REGION", "445281"),
            ("REGION", "410105"),
            ("REGION", "430104"),
            ("WAYBILL", "YD:432109876543210"),
            ("WAYBILL", "YD:432109876543211"),
            ("PHONE", "+8615912348765", ACCUSED),
        ],
    ),
    (
        "辽宁省沈阳市和平区太原街商场内两家专柜销售假冒欧米茄手表，其中一家为“时尚名表专柜”，"
        "经营者为沈阳恒久商贸有限公司，联系电话 024-2345 6789。",
        [
            ("REGION", "210102"),
            ("ADDRESS", "辽宁省沈阳市和平区太原街", ACCUSED),
            ("BRAND", "omega"),
            ("SHOP", "时尚名表专柜"),
            ("ORG", "沈阳恒久商贸有限公司"),
            ("REGION", "210100"),
            ("PHONE", "+862423456789", ACCUSED),
        ],
    ),
    (
        "深圳华强北电子市场多家档口出售假冒苹果耳机AirPods，档口“诚信数码”老板叫陈伟，微信同号 "
        "13823456789。",
        [
            ("REGION", "440304"),
            ("ADDRESS", "深圳华强北电子市场", ACCUSED),
            ("BRAND", "apple"),
            ("SHOP", "诚信数码"),
            ("PERSON", "陈伟", ACCUSED),
            ("PHONE", "+8613823456789", ACCUSED),
        ],
    ),
    (
        "消费者称收到的五粮液酒瓶盖已被开封，包装盒内无防伪码，商家发货地为四川省宜宾市翠屏区。",
        [("BRAND", "wuliangye"), ("REGION", "511502")],
    ),
    (
        "福建省厦门市思明区中山路步行街某店销售假冒周大福黄金饰品，店员称货源来自深圳水贝。",
        [
            ("REGION", "350203"),
            ("ADDRESS", "福建省厦门市思明区中山路步行街", ACCUSED),
            ("REGION", "440300"),
        ],
    ),
    (
        "阿里巴巴知识产权保护平台转来投诉：卖家“优品汇”在1688上架假冒3M口罩，商品ID 612345678901。",
        [("SHOP", "优品汇"), ("PLATFORM_ID", "1688-offer:612345678901")],
    ),
    (
        "淘宝店铺 https://shop123456789.taobao.com 长期销售假冒耐克，店铺ID 123456789。",
        [
            ("URL", "https://shop123456789.taobao.com"),
            ("PLATFORM_ID", "taobao-shop:123456789"),
            ("BRAND", "nike"),
        ],
    ),
    (
        "抖音小店“靓靓美妆”（店铺ID：ZbXy8899）销售假冒雅诗兰黛小棕瓶，主播李某在直播间宣称"
        "“专柜正品”。",
        [
            ("SHOP", "靓靓美妆"),
            ("PLATFORM_ID", "douyin-shop:ZbXy8899"),
            ("BRAND", "estee-lauder"),
            ("PERSON", "李某", ACCUSED),
        ],
    ),
    (
        "请联系莆田市荔城区市场监督管理局执法大队，电话（0594）2671234转8001。",
        [("REGION", "350304"), ("PHONE", "+865942671234", OTHER)],
    ),
    ("我的订单号是 3601234567890123，快递单号还没更新，卖家一直不发货。", []),
    (
        "物流单号 312345678901，快递员说是从石狮发的货，包裹里是假冒彪马T恤。",
        [("WAYBILL", "UNK:312345678901"), ("REGION", "350581"), ("BRAND", "puma")],
    ),
    (
        "申通快递 运单号：773098765432109，寄件人手机18850123456，寄件地址福建省泉州市晋江市。",
        [
            ("WAYBILL", "STO:773098765432109"),
            ("PHONE", "+8618850123456", ACCUSED),
            ("REGION", "350582"),
        ],
    ),
    (
        "12315接诉：2024年7月1日，市民陈女士来电反映在我区万达广场“潮流服饰”店购买的巴宝莉围巾"
        f"疑似假冒，店铺营业执照号 {U_SH}，请转上海市浦东新区市场监督管理局处理。",
        [
            ("PERSON", "陈女士", COMPLAINANT),
            ("SHOP", "潮流服饰"),
            ("BRAND", "burberry"),
            ("USCC", U_SH),
            ("REGION", "310115"),
        ],
    ),
    (
        "网友举报：微信朋友圈有人销售假冒卡地亚手镯，微信号 kdy_8888，收款人姓名：钟丽华，收款"
        "账户 6228 4800 1234 5678 910，发货地福建省厦门市湖里区。",
        [("BRAND", "cartier"), ("PERSON", "钟丽华", ACCUSED), ("REGION", "350206")],
    ),
    (
        "境外买家来信称收到的劳力士手表为仿品，卖家联系方式 0086-138-0013-8000，卖家地址：广东省"
        "深圳市罗湖区。",
        [("BRAND", "rolex"), ("PHONE", "+8613800138000", ACCUSED), ("REGION", "440303")],
    ),
    (
        "执法人员在浙江省金华市义乌市稠城街道一处民宅内发现“小美饰品工作室”，现场负责人龚某，现场"
        "查获假冒迪奥、香奈儿包装盒300余个及印有“Dior”标识的不干胶标签一批。",
        [
            ("REGION", "330782"),
            ("ORG", "小美饰品工作室"),
            ("PERSON", "龚某", ACCUSED),
            ("BRAND", "dior"),
            ("BRAND", "chanel"),
        ],
    ),
    (
        "白沟箱包城商户马某通过快递向北京、天津等地批发假冒普拉达手袋，收件人分别为北京市丰台区的"
        "刘某和天津市河西区的韩某。",
        [
            ("REGION", "130684"),
            ("ADDRESS", "白沟箱包城", ACCUSED),
            ("PERSON", "马某", ACCUSED),
            ("REGION", "110000"),
            ("REGION", "120000"),
            ("BRAND", "prada"),
            ("REGION", "110106"),
            ("PERSON", "刘某", OTHER),
            ("REGION", "120103"),
            ("PERSON", "韩某", OTHER),
        ],
    ),
    (
        "权利人耐克创新有限合伙公司来函：京东商品 https://item.jd.com/100098765432.html 销售假冒"
        "Air Jordan篮球鞋，请求删除链接，联系人赵律师，电话 +86 21 6888 9999。",
        [
            ("ORG", "耐克创新有限合伙公司"),
            ("BRAND", "nike"),
            ("URL", "https://item.jd.com/100098765432.html"),
            ("PLATFORM_ID", "jd-item:100098765432"),
            ("PERSON", "赵律师", COMPLAINANT),
            ("PHONE", "+862168889999", COMPLAINANT),
        ],
    ),
    (
        "以下单号均为中通：78901234567890、78901234567891，包裹寄往湖北省武汉市洪山区。",
        [
            ("WAYBILL", "ZTO:78901234567890"),
            ("WAYBILL", "ZTO:78901234567891"),
            ("REGION", "420111"),
        ],
    ),
    (
        f"报关资料显示收件人为吕某，证件号码 {ID_GZ_SPACED}，收件地址广州市天河区。",
        [("PERSON", "吕某", OTHER), ("ID_CARD", ID_GZ, OTHER), ("REGION", "440106")],
    ),
    (
        "负责人欧阳志远拒不配合检查，店铺“志远名品折扣店”位于湖南省长沙市天心区，联系人：江涛，"
        "电话 0731-8888 1234。",
        [
            ("PERSON", "欧阳志远", ACCUSED),
            ("SHOP", "志远名品折扣店"),
            ("REGION", "430103"),
            ("PERSON", "江涛", ACCUSED),
            ("PHONE", "+8673188881234", ACCUSED),
        ],
    ),
    (
        f"经营者为成都蓉城食品有限公司，统一社会信用代码{U_CD}，生产的“老干妈”风味豆豉酱涉嫌仿冒。",
        [
            ("ORG", "成都蓉城食品有限公司"),
            ("REGION", "510100"),
            ("USCC", U_CD),
            ("BRAND", "laoganma"),
        ],
    ),
    (
        "店主李宁称其销售的安踏运动鞋均从晋江进货。",
        [("PERSON", "李宁", ACCUSED), ("BRAND", "anta"), ("REGION", "350582")],
    ),
    (f"举报人提供的身份证号 {ID_BAD} 经核验校验位错误，无法确认身份。", []),
    (
        "消费者购买的“ADVANS”牌滑板鞋外观模仿Vans，鞋盒印有“VANS OFF THE WALL”字样，店铺为"
        "“酷玩滑板”。",
        [("BRAND", "vans"), ("SHOP", "酷玩滑板")],
    ),
    (
        "小红书用户举报：有人以“莆田纯原”名义出售假冒耐克鞋，实名信息为林晓燕，身份证 "
        f"{ID_LC}，手机 13055667788，发货地莆田市荔城区西天尾镇。",
        [
            ("REGION", "350300"),
            ("BRAND", "nike"),
            ("PERSON", "林晓燕", ACCUSED),
            ("ID_CARD", ID_LC, ACCUSED),
            ("PHONE", "+8613055667788", ACCUSED),
            ("REGION", "350304"),
        ],
    ),
    (
        "普宁国际服装城内一档口销售假冒李宁运动服，发票号码 04400123456789012，档口负责人方某，"
        "电话0663-2345678。",
        [
            ("REGION", "445281"),
            ("ADDRESS", "普宁国际服装城", ACCUSED),
            ("BRAND", "li-ning"),
            ("PERSON", "方某", ACCUSED),
            ("PHONE", "+866632345678", ACCUSED),
        ],
    ),
    (
        f"营业执照复印件上的信用代码为 {U_PT_DASHED}，企业名称莆田市鑫达鞋业有限公司，地址莆田市"
        "荔城区新度镇。",
        [
            ("USCC", U_PT),
            ("ORG", "莆田市鑫达鞋业有限公司"),
            ("REGION", "350300"),
            ("REGION", "350304"),
        ],
    ),
    (
        "河南开封某印刷厂非法印制茅台酒标签，厂名为开封市宏图印刷有限公司，负责人孟某。",
        [
            ("REGION", "410200"),
            ("BRAND", "moutai"),
            ("ORG", "开封市宏图印刷有限公司"),
            ("PERSON", "孟某", ACCUSED),
        ],
    ),
    (
        "12315转来：消费者郭某在唯品会购买的蔻驰手提包经鉴定为假货，商家客服电话 020-3888 1234，"
        "客服人员称可以退货。",
        [("PERSON", "郭某", COMPLAINANT), ("BRAND", "coach"), ("PHONE", "+862038881234", ACCUSED)],
    ),
    (
        "当事人陈述其销售的飞利浦剃须刀系从广州越秀区一批发市场购进，无进货票据。",
        [("BRAND", "philips"), ("REGION", "440104")],
    ),
    # --- written after the extractor was built, annotated before it was run on them ---------
    (
        "市民张女士通过12345热线反映：在福州市仓山区万达广场负一层“潮人馆”购买的New Balance 990"
        "跑鞋鞋底开胶，店员说是正品，要求鉴定。联系电话：0591－87654321。",
        [
            ("PERSON", "张女士", COMPLAINANT),
            ("REGION", "350104"),
            ("ADDRESS", "福州市仓山区万达广场负一层", ACCUSED),
            ("SHOP", "潮人馆"),
            ("BRAND", "new-balance"),
            ("PHONE", "+8659187654321", COMPLAINANT),
        ],
    ),
    (
        "经查，嫌疑人黄某某（男，1988年生）租用泉州市丰泽区东海街道某民房作为仓库，存放假冒香奈儿"
        "香水1200瓶，通过闲鱼账号“香香好物”对外销售，收款微信绑定手机号17750123456。",
        [
            ("PERSON", "黄某某", ACCUSED),
            ("REGION", "350503"),
            ("BRAND", "chanel"),
            ("SHOP", "香香好物"),
            ("PHONE", "+8617750123456", ACCUSED),
        ],
    ),
    (
        "国家邮政局转来线索：韵达快递义乌分拨中心发现大量寄往俄罗斯的包裹内装假冒乐高玩具，寄件人为"
        "义乌市恒信进出口有限公司，运单号以4312开头，如 431298765432101。",
        [
            ("REGION", "330782"),
            ("BRAND", "lego"),
            ("ORG", "义乌市恒信进出口有限公司"),
            ("WAYBILL", "YD:431298765432101"),
        ],
    ),
    (
        "1月5日执法检查记录：当事人经营的“佳美鞋业”门店位于晋江市青阳街道，现场查扣标有“ANTA”"
        "商标的运动鞋87双，当事人无法提供进货凭证，店内收银台贴有微信收款码，户名刘佳美。",
        [
            ("SHOP", "佳美鞋业"),
            ("REGION", "350582"),
            ("BRAND", "anta"),
            ("PERSON", "刘佳美", ACCUSED),
        ],
    ),
    (
        "投诉人：林先生，手机号码 135-0505-6789，投诉对象：厦门市湖里区鑫鑫商贸有限公司"
        "（法定代表人：陈国强），该公司在京东开设“鑫鑫母婴专营店”销售假冒飞鹤奶粉。",
        [
            ("PERSON", "林先生", COMPLAINANT),
            ("PHONE", "+8613505056789", COMPLAINANT),
            ("ORG", "厦门市湖里区鑫鑫商贸有限公司"),
            ("REGION", "350206"),
            ("PERSON", "陈国强", ACCUSED),
            ("SHOP", "鑫鑫母婴专营店"),
            ("BRAND", "feihe"),
        ],
    ),
    (
        "拼多多平台风控通报：商品ID 443322110099 的店铺“正品折扣汇”短期内销量激增，疑似销售假冒兰蔻"
        "和雅诗兰黛，店铺登记地址为广东省广州市白云区太和镇，经营者身份证号 "
        f"{ID_BY}。",
        [
            ("PLATFORM_ID", "pdd-goods:443322110099"),
            ("SHOP", "正品折扣汇"),
            ("BRAND", "lancome"),
            ("BRAND", "estee-lauder"),
            ("REGION", "440111"),
            ("ID_CARD", ID_BY, ACCUSED),
        ],
    ),
    (
        "据群众举报，汕头市澄海区莲下镇一处厂房内有人组装假冒乐高积木，厂房负责人自称姓蔡，电话"
        "一三八……（号码未提供）。",
        [("REGION", "440515"), ("BRAND", "lego")],
    ),
    (
        "【快递面单信息】寄件人：周**  电话：139****5678  寄件地址：河南省郑州市二七区  "
        "收件人：吴敏  电话：15803710000  运单号：JT5009876543210",
        [
            ("REGION", "410103"),
            ("PERSON", "吴敏", OTHER),
            ("PHONE", "+8615803710000", OTHER),
            ("WAYBILL", "JT:JT5009876543210"),
        ],
    ),
    (
        "某品牌方报告：抖音主播“小杨哥严选”直播间售卖的茅台飞天53度酒经鉴定为假冒，直播间关联店铺为"
        "“杨氏酒业旗舰店”（抖店ID：88776655），主体公司为宿迁杨氏酒业有限公司。",
        [
            ("SHOP", "小杨哥严选"),
            ("BRAND", "moutai"),
            ("SHOP", "杨氏酒业旗舰店"),
            ("PLATFORM_ID", "douyin-shop:88776655"),
            ("ORG", "宿迁杨氏酒业有限公司"),
            ("REGION", "321300"),
        ],
    ),
    (
        "消费者王某某称其于2024年双十一期间在唯品会购买的MLB棒球帽为假货，商家为“时尚潮品特卖”，"
        "快递为EMS，单号 1157732200845。",
        [
            ("PERSON", "王某某", COMPLAINANT),
            ("SHOP", "时尚潮品特卖"),
            ("WAYBILL", "EMS:1157732200845"),
        ],
    ),
    (
        "海关查验：出口至东南亚的一批货物中发现侵犯“华为”商标权的手机壳3000个，发货人深圳市宝安区"
        "腾达电子科技有限公司，报关单号 531620240001234567。",
        [
            ("BRAND", "huawei"),
            ("ORG", "深圳市宝安区腾达电子科技有限公司"),
            ("REGION", "440306"),
        ],
    ),
    (
        "请求协查：我局查获的假冒阿迪达斯服装来自石家庄市新华区一服装厂，该厂负责人为孙某，"
        "联系电话 0311-8765 4321；另据供述，部分货物经中通快递发往内蒙古呼和浩特市新城区。",
        [
            ("BRAND", "adidas"),
            ("REGION", "130105"),
            ("PERSON", "孙某", ACCUSED),
            ("PHONE", "+8631187654321", ACCUSED),
            ("REGION", "150102"),
        ],
    ),
    (
        "来信人反映：温州市瓯海区一家眼镜店销售假冒雷朋(Ray-Ban)太阳镜，店名为“明亮眼镜”，店主姓名"
        "叶小红。",
        [("REGION", "330304"), ("SHOP", "明亮眼镜"), ("PERSON", "叶小红", ACCUSED)],
    ),
    (
        "网购维权：在小红书店铺“Lulu家的小铺”买了一件Canada Goose羽绒服，吊牌二维码扫描无效，商家"
        "拒绝退款，商家微信号 lulu_home2023，收款账户户名：苏璐。",
        [("SHOP", "Lulu家的小铺"), ("BRAND", "canada-goose"), ("PERSON", "苏璐", ACCUSED)],
    ),
    (
        "综合执法大队在成都市金牛区荷花池批发市场查处一起销售假冒耐克、阿迪达斯运动服案件，当事人张某"
        f"（身份证号 {ID_JN}）经营的档口无营业执照。",
        [
            ("REGION", "510106"),
            ("ADDRESS", "成都市金牛区荷花池批发市场", ACCUSED),
            ("BRAND", "nike"),
            ("BRAND", "adidas"),
            ("PERSON", "张某", ACCUSED),
            ("ID_CARD", ID_JN, ACCUSED),
        ],
    ),
    (
        "经营者罗志平在其开设的美团外卖店铺“老罗烧烤”中使用未经授权的“老干妈”商标，投诉人为贵州"
        "老干妈风味食品有限责任公司。",
        [
            ("PERSON", "罗志平", ACCUSED),
            ("SHOP", "老罗烧烤"),
            ("BRAND", "laoganma"),
            ("ORG", "贵州老干妈风味食品有限责任公司"),
            ("REGION", "520000"),
        ],
    ),
    # --- issue #9: addresses in text, roles, digit-only waybills, shop names with digits and
    # brackets, market stalls; written and annotated without running the extractor ---------
    (
        "【12315工单】工单编号：GD20240817003321　来电人：曹娟佳　来电号码：18742560328　诉求内容："
        "来电人称2024年8月10日在闲鱼网店品牌李宁折扣店10购买李宁运动鞋一双，到货后发现做工粗糙，"
        "怀疑假冒。商家客服电话13679245810，发货地陕西省西安市长安区工业路21号，韵达快递单号"
        "432187650021345。",
        [
            ("PERSON", "曹娟佳", COMPLAINANT),
            ("PHONE", "+8618742560328", COMPLAINANT),
            ("SHOP", "品牌李宁折扣店10"),
            ("BRAND", "li-ning"),
            ("PHONE", "+8613679245810", ACCUSED),
            ("ADDRESS", "陕西省西安市长安区工业路21号", ACCUSED),
            ("REGION", "610116"),
            ("WAYBILL", "YD:432187650021345"),
        ],
    ),
    (
        "12345政务服务便民热线工单　来电人：马先生　联系电话：13991286650　来电人地址：西安市雁塔区"
        "小寨东路126号百隆广场B座1803室　反映内容：在抖音小店“秦川户外旗舰店(官方)”购买的The "
        "North Face冲锋衣疑似假冒，商家发货地址为西安市未央区凤城八路169号，客服电话029-86523317。",
        [
            ("PERSON", "马先生", COMPLAINANT),
            ("PHONE", "+8613991286650", COMPLAINANT),
            ("ADDRESS", "西安市雁塔区小寨东路126号百隆广场B座1803室", COMPLAINANT),
            ("REGION", "610113"),
            ("SHOP", "秦川户外旗舰店（官方）"),
            ("BRAND", "the-north-face"),
            ("ADDRESS", "西安市未央区凤城八路169号", ACCUSED),
            ("REGION", "610112"),
            ("PHONE", "+862986523317", ACCUSED),
        ],
    ),
    (
        f"举报信：本人林志鹏（身份证号{ID_LZP}，电话15960213378）实名举报，厂址在晋江陈埭镇洋埭工业区"
        "18号的一家无名鞋厂日夜生产假冒耐克、阿迪达斯运动鞋，老板姓许，手机13905953326。成品存放在"
        "池店镇的仓库，仓库位于晋江市池店镇南环路66号。",
        [
            ("PERSON", "林志鹏", COMPLAINANT),
            ("ID_CARD", ID_LZP, COMPLAINANT),
            ("PHONE", "+8615960213378", COMPLAINANT),
            ("ADDRESS", "晋江陈埭镇洋埭工业区18号", ACCUSED),
            ("REGION", "350582"),
            ("BRAND", "nike"),
            ("BRAND", "adidas"),
            ("PHONE", "+8613905953326", ACCUSED),
            ("ADDRESS", "晋江市池店镇南环路66号", ACCUSED),
        ],
    ),
    (
        "【平台治理通报】拼多多平台核查：店铺“潮鞋铺子No.7”（商品ID 556677889900）销售假冒匡威帆布"
        "鞋，经营者实名登记地址为广州市白云区三元里大道西168号金龙盘皮具城B区2楼218号档口，联系人："
        "黄志强，手机13533286671。投诉买家电话18620135547。",
        [
            ("SHOP", "潮鞋铺子No.7"),
            ("PLATFORM_ID", "pdd-goods:556677889900"),
            ("BRAND", "converse"),
            ("ADDRESS", "广州市白云区三元里大道西168号金龙盘皮具城B区2楼218号档口", ACCUSED),
            ("REGION", "440111"),
            ("PERSON", "黄志强", ACCUSED),
            ("PHONE", "+8613533286671", ACCUSED),
            ("PHONE", "+8618620135547", COMPLAINANT),
        ],
    ),
    (
        "物流协查回函：经核，运单号110107700325的包裹于2024年6月2日揽收，寄件人王某，寄件电话"
        "18659473210，寄件地址为莆田市荔城区西天尾镇后卓村88号，收件人为浙江省宁波市江北区的陈女士。",
        [
            ("WAYBILL", "UNK:110107700325"),
            ("PERSON", "王某", ACCUSED),
            ("PHONE", "+8618659473210", ACCUSED),
            ("ADDRESS", "莆田市荔城区西天尾镇后卓村88号", ACCUSED),
            ("REGION", "350304"),
            ("REGION", "330205"),
            ("PERSON", "陈女士", OTHER),
        ],
    ),
    (
        "我叫周敏，电话13816570092，6月在淘宝店铺“正品运动城”买了一双安踏篮球鞋，收货地址上海市闵行区"
        "七莘路3399弄12号601室，中通单号78315562097341。收到后发现是假货，卖家电话17759423316不接，"
        "说是从莆田发的货。",
        [
            ("PERSON", "周敏", COMPLAINANT),
            ("PHONE", "+8613816570092", COMPLAINANT),
            ("SHOP", "正品运动城"),
            ("BRAND", "anta"),
            ("ADDRESS", "上海市闵行区七莘路3399弄12号601室", COMPLAINANT),
            ("REGION", "310112"),
            ("WAYBILL", "ZTO:78315562097341"),
            ("PHONE", "+8617759423316", ACCUSED),
            ("REGION", "350300"),
        ],
    ),
    (
        "线索核查报告：涉嫌销售假冒迪奥、香奈儿彩妆的团伙以义乌市美尚化妆品有限公司名义对外发货，仓库"
        "位于义乌市后宅街道工人北路1058号物流园3号库，仓库管理员吕某，电话0579-85536621；另在金华市"
        "金东区多湖街道设有分装点。",
        [
            ("BRAND", "dior"),
            ("BRAND", "chanel"),
            ("ORG", "义乌市美尚化妆品有限公司"),
            ("REGION", "330782"),
            ("ADDRESS", "义乌市后宅街道工人北路1058号物流园3号库", ACCUSED),
            ("PERSON", "吕某", ACCUSED),
            ("PHONE", "+8657985536621", ACCUSED),
            ("REGION", "330703"),
        ],
    ),
    (
        "12315投诉登记：投诉人刘艳，联系电话15102938847，被投诉方“欧莱雅美妆集合店(总店)”，店铺客服"
        "电话18924561032。投诉人称在该店购买的欧莱雅精华液与专柜版本不一致，疑为假货，快递为申通，"
        "单号773201458896301。",
        [
            ("PERSON", "刘艳", COMPLAINANT),
            ("PHONE", "+8615102938847", COMPLAINANT),
            ("SHOP", "欧莱雅美妆集合店（总店）"),
            ("BRAND", "loreal"),
            ("PHONE", "+8618924561032", ACCUSED),
            ("WAYBILL", "STO:773201458896301"),
        ],
    ),
    (
        "现场检查笔录：2024年7月18日，执法人员对广东省揭阳市普宁市流沙东街道服装市场A区12号档口进行"
        f"检查，该档口经营者方少鹏（身份证号{ID_PN}）现场销售假冒阿迪达斯、彪马运动服230件。检查时"
        "见证人为市场管理员郑某，电话0663-2236681。",
        [
            ("ADDRESS", "广东省揭阳市普宁市流沙东街道服装市场A区12号档口", ACCUSED),
            ("REGION", "445281"),
            ("PERSON", "方少鹏", ACCUSED),
            ("ID_CARD", ID_PN, ACCUSED),
            ("BRAND", "adidas"),
            ("BRAND", "puma"),
            ("PERSON", "郑某", OTHER),
            ("PHONE", "+866632236681", OTHER),
        ],
    ),
    (
        "权利人投诉函：我司作为“泡泡玛特”商标权利人的代理人，投诉淘宝店铺“潮玩盲盒小屋88”销售假冒"
        "Labubu玩偶，商品链接 https://item.taobao.com/item.htm?id=745612309871 ，卖家发货地址为"
        "广东省东莞市石排镇庙边王村工业区二路5号。联系人：孙律师，电话021-61235588。",
        [
            ("BRAND", "pop-mart"),
            ("SHOP", "潮玩盲盒小屋88"),
            ("URL", "https://item.taobao.com/item.htm?id=745612309871"),
            ("PLATFORM_ID", "taobao-item:745612309871"),
            ("ADDRESS", "广东省东莞市石排镇庙边王村工业区二路5号", ACCUSED),
            ("REGION", "441900"),
            ("PERSON", "孙律师", COMPLAINANT),
            ("PHONE", "+862161235588", COMPLAINANT),
        ],
    ),
    (
        "邮政协查：EMS单号1187654320912，寄件人：陈某某，寄件人电话15880273364，寄件地址：福建省莆田市"
        "城厢区华亭镇园头村工业区一路9号；收件人：赵女士（投诉人），收件地址：天津市南开区鞍山西道"
        "320号。",
        [
            ("WAYBILL", "EMS:1187654320912"),
            ("PERSON", "陈某某", ACCUSED),
            ("PHONE", "+8615880273364", ACCUSED),
            ("ADDRESS", "福建省莆田市城厢区华亭镇园头村工业区一路9号", ACCUSED),
            ("REGION", "350302"),
            ("PERSON", "赵女士", COMPLAINANT),
            ("ADDRESS", "天津市南开区鞍山西道320号", COMPLAINANT),
            ("REGION", "120104"),
        ],
    ),
    (
        "12345热线转办单　来电号码：13831265590　来电人：杨女士（消费者）　内容：来电人反映在保定"
        "白沟国际箱包交易中心东区3排15号档口购买的路易威登手袋为假货，档口老板电话15930281167，要求查处。",
        [
            ("PHONE", "+8613831265590", COMPLAINANT),
            ("PERSON", "杨女士", COMPLAINANT),
            ("ADDRESS", "保定白沟国际箱包交易中心东区3排15号档口", ACCUSED),
            ("REGION", "130684"),
            ("BRAND", "louis-vuitton"),
            ("PHONE", "+8615930281167", ACCUSED),
        ],
    ),
    (
        "投诉人曹娟佳，电话18742560328，投诉抖音店铺“鞋匠工坊2店”，所购耐克板鞋系假货，商家称厂家在"
        "福建省莆田市涵江区江口镇石西村工业园，韵达快递单号312098765432101。",
        [
            ("PERSON", "曹娟佳", COMPLAINANT),
            ("PHONE", "+8618742560328", COMPLAINANT),
            ("SHOP", "鞋匠工坊2店"),
            ("BRAND", "nike"),
            ("ADDRESS", "福建省莆田市涵江区江口镇石西村工业园", ACCUSED),
            ("REGION", "350303"),
            ("WAYBILL", "YD:312098765432101"),
        ],
    ),
    (
        f"协查函：犯罪嫌疑人郭建华（身份证号{ID_GJH}）在东莞市大朗镇毛织工业园长塘路12号租用厂房生产"
        "假冒优衣库、波司登服装，其妻李秀梅负责网店“大朗针织直营店”发货，发货手机13712984406；房东"
        "刘某（电话13925713380）称不知情。",
        [
            ("PERSON", "郭建华", ACCUSED),
            ("ID_CARD", ID_GJH, ACCUSED),
            ("ADDRESS", "东莞市大朗镇毛织工业园长塘路12号", ACCUSED),
            ("REGION", "441900"),
            ("BRAND", "uniqlo"),
            ("BRAND", "bosideng"),
            ("PERSON", "李秀梅", ACCUSED),
            ("SHOP", "大朗针织直营店"),
            ("PHONE", "+8613712984406", ACCUSED),
            ("PERSON", "刘某", OTHER),
            ("PHONE", "+8613925713380", OTHER),
        ],
    ),
    (
        "来电人称：本人手机19905913372，在快手小店“阿芳精品女装”（快手小店ID 775533110）买的博柏利"
        "风衣是假的，卖家微信绑定的手机17850236695，快递单号463019288771045，卖家说货是从广州十三行"
        "发的。",
        [
            ("PHONE", "+8619905913372", COMPLAINANT),
            ("SHOP", "阿芳精品女装"),
            ("PLATFORM_ID", "kuaishou-shop:775533110"),
            ("BRAND", "burberry"),
            ("PHONE", "+8617850236695", ACCUSED),
            ("WAYBILL", "UNK:463019288771045"),
            ("REGION", "440103"),
        ],
    ),
    (
        "【京东平台通报】店铺“华美数码专营店”（商家主体深圳市华美通讯科技有限公司，统一社会信用代码"
        f"{U_HM}）销售假冒苹果耳机，退货地址：深圳市龙岗区坂田街道五和大道南2号万科城商业中心B座1205，"
        "售后电话0755-28896631。",
        [
            ("SHOP", "华美数码专营店"),
            ("ORG", "深圳市华美通讯科技有限公司"),
            ("REGION", "440300"),
            ("USCC", U_HM),
            ("BRAND", "apple"),
            ("ADDRESS", "深圳市龙岗区坂田街道五和大道南2号万科城商业中心B座1205", ACCUSED),
            ("REGION", "440307"),
            ("PHONE", "+8675528896631", ACCUSED),
        ],
    ),
    (
        "来信：我是江苏南京的消费者吴婷婷，电话18013957741，住址南京市鼓楼区中山北路200号5栋302室。"
        "去年在义乌国际商贸城四区3街2085号商铺批发的一批卡地亚款手镯被认定侵权，商铺老板娘王丽娟，"
        "手机13967953328，说货从永康的工厂进。",
        [
            ("REGION", "320100"),
            ("PERSON", "吴婷婷", COMPLAINANT),
            ("PHONE", "+8618013957741", COMPLAINANT),
            ("ADDRESS", "南京市鼓楼区中山北路200号5栋302室", COMPLAINANT),
            ("REGION", "320106"),
            ("ADDRESS", "义乌国际商贸城四区3街2085号商铺", ACCUSED),
            ("REGION", "330782"),
            ("BRAND", "cartier"),
            ("PERSON", "王丽娟", ACCUSED),
            ("PHONE", "+8613967953328", ACCUSED),
            ("REGION", "330784"),
        ],
    ),
    (
        "【12315】受理号：440111202409012　来电人：黎先生　来电号码：020-36251148　反映：来电人在"
        "广州白云区太和镇一家鞋店“永旺鞋城”购买的斯凯奇运动鞋为假冒，该店地址为太和镇大源北路88号，老板"
        "手机13802263315。",
        [
            ("PERSON", "黎先生", COMPLAINANT),
            ("PHONE", "+862036251148", COMPLAINANT),
            ("REGION", "440111"),
            ("SHOP", "永旺鞋城"),
            ("BRAND", "skechers"),
            ("ADDRESS", "太和镇大源北路88号", ACCUSED),
            ("PHONE", "+8613802263315", ACCUSED),
        ],
    ),
    (
        "申通快递安全中心通报：以下运单涉嫌寄递假冒飞天茅台酒：773310258846127、773310258846128，"
        "寄件人张某，寄件电话13507946612，寄件地址江西省南昌市青山湖区湖坊镇顺外路168号。",
        [
            ("WAYBILL", "STO:773310258846127"),
            ("WAYBILL", "STO:773310258846128"),
            ("BRAND", "moutai"),
            ("PERSON", "张某", ACCUSED),
            ("PHONE", "+8613507946612", ACCUSED),
            ("ADDRESS", "江西省南昌市青山湖区湖坊镇顺外路168号", ACCUSED),
            ("REGION", "360111"),
        ],
    ),
    (
        f"网络交易投诉：投诉人宋佳（身份证号{ID_SJ}，手机15210478836）称在抖音主播“小黎严选”直播间"
        "购买雅诗兰黛眼霜，到货为假货。主播关联店铺“黎氏美妆旗舰店”客服电话400-833-6688，退货地址为"
        "广州市番禺区南村镇兴业大道东608号3栋4楼。",
        [
            ("PERSON", "宋佳", COMPLAINANT),
            ("ID_CARD", ID_SJ, COMPLAINANT),
            ("PHONE", "+8615210478836", COMPLAINANT),
            ("SHOP", "小黎严选"),
            ("BRAND", "estee-lauder"),
            ("SHOP", "黎氏美妆旗舰店"),
            ("PHONE", "+864008336688", ACCUSED),
            ("ADDRESS", "广州市番禺区南村镇兴业大道东608号3栋4楼", ACCUSED),
            ("REGION", "440113"),
        ],
    ),
    (
        "扣押物品清单附记：执法人员在浙江省嘉兴市桐乡市濮院镇毛衫城东区9幢112号仓库查扣假冒盟可睐"
        "羽绒服460件，仓库承租人沈某某，手机15888361127，在场见证人为濮院镇市场监管所工作人员钱某，"
        "电话0573-88721234。",
        [
            ("ADDRESS", "浙江省嘉兴市桐乡市濮院镇毛衫城东区9幢112号", ACCUSED),
            ("REGION", "330483"),
            ("BRAND", "moncler"),
            ("PERSON", "沈某某", ACCUSED),
            ("PHONE", "+8615888361127", ACCUSED),
            ("PERSON", "钱某", OTHER),
            ("PHONE", "+8657388721234", OTHER),
        ],
    ),
    (
        "我在微信上找的代购“环球名品代购”买了一块劳力士，付款后对方用中通发货，中通快递单号"
        "75931246670218，寄件地址写的是广东省深圳市宝安区西乡街道宝源路1068号，收件是我家地址北京市"
        "海淀区学院路38号3号楼502室，我的手机是13701126634。",
        [
            ("SHOP", "环球名品代购"),
            ("BRAND", "rolex"),
            ("WAYBILL", "ZTO:75931246670218"),
            ("ADDRESS", "广东省深圳市宝安区西乡街道宝源路1068号", ACCUSED),
            ("REGION", "440306"),
            ("ADDRESS", "北京市海淀区学院路38号3号楼502室", COMPLAINANT),
            ("REGION", "110108"),
            ("PHONE", "+8613701126634", COMPLAINANT),
        ],
    ),
    (
        "12315工单　来电人：何建国　来电号码：0754-85513326　地址：汕头市金平区金砂路83号　诉求："
        "来电人在拼多多店铺“玩具总动员工厂店”购买的乐高积木为仿冒，外包装显示厂址为汕头市澄海区莲下镇"
        "槐东工业区。",
        [
            ("PERSON", "何建国", COMPLAINANT),
            ("PHONE", "+8675485513326", COMPLAINANT),
            ("ADDRESS", "汕头市金平区金砂路83号", COMPLAINANT),
            ("REGION", "440511"),
            ("SHOP", "玩具总动员工厂店"),
            ("BRAND", "lego"),
            ("ADDRESS", "汕头市澄海区莲下镇槐东工业区", ACCUSED),
            ("REGION", "440515"),
        ],
    ),
    (
        "物流信息摘录：1）圆通 YT7712345098761，发件地址浙江省温州市瓯海区娄桥工业区古岸头路15号；"
        f"2）邮政EMS {EMS_2}；3）单号 9812345076543（中国邮政）。三件均寄往上海市徐汇区，收件人均为"
        "消费者卢先生（投诉人）。",
        [
            ("WAYBILL", "YT:YT7712345098761"),
            ("ADDRESS", "浙江省温州市瓯海区娄桥工业区古岸头路15号", ACCUSED),
            ("REGION", "330304"),
            ("WAYBILL", f"EMS:{EMS_2}"),
            ("WAYBILL", "EMS:9812345076543"),
            ("REGION", "310104"),
            ("PERSON", "卢先生", COMPLAINANT),
        ],
    ),
    (
        "闲鱼平台风控：卖家“球鞋严选Pro(莆田直发)”被多名买家举报出售假冒新百伦，卖家实名手机"
        "18359428817，常用发货地址福建省莆田市荔城区黄石镇东甲村东甲路236号。",
        [
            ("SHOP", "球鞋严选Pro（莆田直发）"),
            ("REGION", "350300"),
            ("BRAND", "new-balance"),
            ("PHONE", "+8618359428817", ACCUSED),
            ("ADDRESS", "福建省莆田市荔城区黄石镇东甲村东甲路236号", ACCUSED),
            ("REGION", "350304"),
        ],
    ),
    (
        "举报人：某服装厂离职员工（不愿透露姓名），联系电话13859712264。举报石狮市宝盖镇塘后工业区8号的"
        "石狮市恒达服饰有限公司生产假冒阿迪达斯服装，负责人蔡志明，手机13906978852，车间主任电话"
        "15259542281，货物通过申通发往全国。",
        [
            ("PHONE", "+8613859712264", COMPLAINANT),
            ("ADDRESS", "石狮市宝盖镇塘后工业区8号", ACCUSED),
            ("REGION", "350581"),
            ("ORG", "石狮市恒达服饰有限公司"),
            ("BRAND", "adidas"),
            ("PERSON", "蔡志明", ACCUSED),
            ("PHONE", "+8613906978852", ACCUSED),
            ("PHONE", "+8615259542281", ACCUSED),
        ],
    ),
    (
        "12345工单　诉求人：许女士　联系方式：15060382217　诉求人住址：泉州市丰泽区田安路566号　"
        "诉求内容：在石狮服装城3楼315档口购买的盟可睐羽绒服吊牌为假，档口名“韩潮女装”，要求退款。",
        [
            ("PERSON", "许女士", COMPLAINANT),
            ("PHONE", "+8615060382217", COMPLAINANT),
            ("ADDRESS", "泉州市丰泽区田安路566号", COMPLAINANT),
            ("REGION", "350503"),
            ("ADDRESS", "石狮服装城3楼315档口", ACCUSED),
            ("REGION", "350581"),
            ("BRAND", "moncler"),
            ("SHOP", "韩潮女装"),
        ],
    ),
    (
        "跨区域协查请求：杭州市滨江区市场监管局在办理一起网络销售假冒戴森吹风机案件中发现，涉案网店"
        "“戴家电器店”的发货仓位于广东省佛山市顺德区乐从镇新隆村第二工业区8号，仓库联系人韦某，电话"
        "0757-28836471，发货使用中通快递，单号如78421365098762。",
        [
            ("REGION", "330108"),
            ("BRAND", "dyson"),
            ("SHOP", "戴家电器店"),
            ("ADDRESS", "广东省佛山市顺德区乐从镇新隆村第二工业区8号", ACCUSED),
            ("REGION", "440606"),
            ("PERSON", "韦某", ACCUSED),
            ("PHONE", "+8675728836471", ACCUSED),
            ("WAYBILL", "ZTO:78421365098762"),
        ],
    ),
    (
        "消费者反映：本人（电话18565213390）在微店“小鹿运动馆”买的耐克AJ1鞋子质量很差，鞋盒上的贴标"
        "是假的，物流单号 320756812340019，卖家电话13660874125。",
        [
            ("PHONE", "+8618565213390", COMPLAINANT),
            ("SHOP", "小鹿运动馆"),
            ("BRAND", "nike"),
            ("WAYBILL", "UNK:320756812340019"),
            ("PHONE", "+8613660874125", ACCUSED),
        ],
    ),
    (
        "来电人：徐先生，电话13357182246。来电人称快递员（电话15167120093）送来的包裹内是假冒华为手机"
        "壳，寄件地址为深圳市宝安区福永街道凤凰第三工业区A栋，发货人刘某，寄件电话13538125564。",
        [
            ("PERSON", "徐先生", COMPLAINANT),
            ("PHONE", "+8613357182246", COMPLAINANT),
            ("PHONE", "+8615167120093", OTHER),
            ("BRAND", "huawei"),
            ("ADDRESS", "深圳市宝安区福永街道凤凰第三工业区A栋", ACCUSED),
            ("REGION", "440306"),
            ("PERSON", "刘某", ACCUSED),
            ("PHONE", "+8613538125564", ACCUSED),
        ],
    ),
    (
        "检查记录：2024年9月5日，我局执法人员会同公安对位于仙游县榜头镇坝下村108号的一家塑胶厂进行"
        "检查，该厂负责人谢某某称其加工的“格力”空调外壳系为他人代工，企业名称仙游县鑫坝塑胶制品有限"
        f"公司，统一社会信用代码{U_XY}。执法人员：林某、陈某。",
        [
            ("ADDRESS", "仙游县榜头镇坝下村108号", ACCUSED),
            ("REGION", "350322"),
            ("PERSON", "谢某某", ACCUSED),
            ("BRAND", "gree"),
            ("ORG", "仙游县鑫坝塑胶制品有限公司"),
            ("USCC", U_XY),
            ("PERSON", "林某", OTHER),
            ("PERSON", "陈某", OTHER),
        ],
    ),
    (
        "1688平台投诉：两家店铺“鑫源饰品批发”与“鑫源饰品批发2号店”留同一联系电话13758926613，均销售"
        "假冒蒂芙尼项链，发货地址均为浙江省金华市义乌市稠江街道杨村路300号义乌物流园C区。",
        [
            ("SHOP", "鑫源饰品批发"),
            ("SHOP", "鑫源饰品批发2号店"),
            ("PHONE", "+8613758926613", ACCUSED),
            ("BRAND", "tiffany"),
            ("ADDRESS", "浙江省金华市义乌市稠江街道杨村路300号义乌物流园C区", ACCUSED),
            ("REGION", "330782"),
        ],
    ),
    (
        "线索：网店“优选家居百货店”出售的假冒飞利浦电动牙刷，客服称仓库位于义乌北苑街道春晗路19号，"
        "发货人电话15057936620，EMS 1065432109876。",
        [
            ("SHOP", "优选家居百货店"),
            ("BRAND", "philips"),
            ("ADDRESS", "义乌北苑街道春晗路19号", ACCUSED),
            ("REGION", "330782"),
            ("PHONE", "+8615057936620", ACCUSED),
            ("WAYBILL", "EMS:1065432109876"),
        ],
    ),
    (
        "来电人李梦（电话17610325548）反映，她分别在淘宝店“一号潮品馆”和拼多多店“潮品馆旗舰店(官方)”"
        "购买了古驰腰带，两件均为假货，前者快递韵达432198761200456，后者发货地浙江省湖州市吴兴区织里镇"
        "珍贝路1188号。",
        [
            ("PERSON", "李梦", COMPLAINANT),
            ("PHONE", "+8617610325548", COMPLAINANT),
            ("SHOP", "一号潮品馆"),
            ("SHOP", "潮品馆旗舰店（官方）"),
            ("BRAND", "gucci"),
            ("WAYBILL", "YD:432198761200456"),
            ("ADDRESS", "浙江省湖州市吴兴区织里镇珍贝路1188号", ACCUSED),
            ("REGION", "330502"),
        ],
    ),
    (
        "分拨中心异常件记录：运单号 557812346091233、557812346091234 的寄件人均登记为“陈生”，"
        "寄件地址广州市白云区太和镇白云国际物流园3栋，寄件手机13416275508；该物流园为多家商户共用的发货点。",
        [
            ("WAYBILL", "UNK:557812346091233"),
            ("WAYBILL", "UNK:557812346091234"),
            ("PERSON", "陈生", ACCUSED),
            ("ADDRESS", "广州市白云区太和镇白云国际物流园3栋", ACCUSED),
            ("REGION", "440111"),
            ("PHONE", "+8613416275508", ACCUSED),
        ],
    ),
    (
        "投诉内容：本人张晓丽，手机号18811462230，收货地址为北京市朝阳区望京街道阜通东大街6号院3号楼"
        "1单元1102，购买的SK-II神仙水经专柜鉴定为假，商家“日韩美妆小铺(保税仓)”发货地为保税区仓库，"
        "商家电话13128867702。",
        [
            ("PERSON", "张晓丽", COMPLAINANT),
            ("PHONE", "+8618811462230", COMPLAINANT),
            ("ADDRESS", "北京市朝阳区望京街道阜通东大街6号院3号楼1单元1102", COMPLAINANT),
            ("REGION", "110105"),
            ("BRAND", "sk-ii"),
            ("SHOP", "日韩美妆小铺（保税仓）"),
            ("PHONE", "+8613128867702", ACCUSED),
        ],
    ),
    (
        "淘宝知识产权平台处置记录：店铺“南安志华五金工具店”（店铺链接 https://shop556677889.taobao.com）"
        "销售假冒飞利浦剃须刀，经营者庄志华，联系电话0595-86389912，经营地址南安市水头镇五里桥工业区"
        "12号，另有仓库在南安市官桥镇。",
        [
            ("SHOP", "南安志华五金工具店"),
            ("REGION", "350583"),
            ("URL", "https://shop556677889.taobao.com"),
            ("PLATFORM_ID", "taobao-shop:556677889"),
            ("BRAND", "philips"),
            ("PERSON", "庄志华", ACCUSED),
            ("PHONE", "+8659586389912", ACCUSED),
            ("ADDRESS", "南安市水头镇五里桥工业区12号", ACCUSED),
        ],
    ),
    (
        f"【12315工单】来电人：邓海燕　证件号码：{ID_DH}　来电号码：13627218805　来电人所在地："
        "湖北省武汉市江汉区　反映：购买的欧米茄手表为假冒，商家发货地址为东莞市长安镇"
        "沙头南区振安中路368号，中通快递，运单号78512039874561。",
        [
            ("PERSON", "邓海燕", COMPLAINANT),
            ("ID_CARD", ID_DH, COMPLAINANT),
            ("PHONE", "+8613627218805", COMPLAINANT),
            ("REGION", "420103"),
            ("BRAND", "omega"),
            ("ADDRESS", "东莞市长安镇沙头南区振安中路368号", ACCUSED),
            ("REGION", "441900"),
            ("WAYBILL", "ZTO:78512039874561"),
        ],
    ),
    (
        "执法检查：位于杭州市余杭区仓前街道文一西路1218号恒生科技园28幢305室的直播间，主播以“品牌清仓”"
        "名义销售假冒兰蔻、资生堂护肤品。直播运营负责人潘某某，手机15967135580；场地出租方杭州恒生科技"
        "园管理有限公司。",
        [
            ("ADDRESS", "杭州市余杭区仓前街道文一西路1218号恒生科技园28幢305室", ACCUSED),
            ("REGION", "330110"),
            ("BRAND", "lancome"),
            ("BRAND", "shiseido"),
            ("PERSON", "潘某某", ACCUSED),
            ("PHONE", "+8615967135580", ACCUSED),
            ("ORG", "杭州恒生科技园管理有限公司"),
            ("REGION", "330100"),
        ],
    ),
    (
        "消费者来信：我在东莞虎门富民时装城二楼A218档口买了件假冒普拉达外套，档口老板叫钟伟，电话"
        "13826905521。我本人电话13590226613，住在东莞市南城街道鸿福路106号。",
        [
            ("ADDRESS", "东莞虎门富民时装城二楼A218档口", ACCUSED),
            ("REGION", "441900"),
            ("BRAND", "prada"),
            ("PERSON", "钟伟", ACCUSED),
            ("PHONE", "+8613826905521", ACCUSED),
            ("PHONE", "+8613590226613", COMPLAINANT),
            ("ADDRESS", "东莞市南城街道鸿福路106号", COMPLAINANT),
        ],
    ),
    (
        "办理告知：请投诉人将购物凭证寄至莆田市荔城区市场监督管理局（地址：莆田市荔城区梅园东路1号，"
        "电话0594-2286655），被投诉人莆田市荔城区鑫源鞋业有限公司地址为莆田市荔城区新度镇港利村工业区"
        "3号。",
        [
            ("REGION", "350304"),
            ("ADDRESS", "莆田市荔城区梅园东路1号", OTHER),
            ("PHONE", "+865942286655", OTHER),
            ("ORG", "莆田市荔城区鑫源鞋业有限公司"),
            ("ADDRESS", "莆田市荔城区新度镇港利村工业区3号", ACCUSED),
        ],
    ),
    (
        "投诉人黄丽娜（13950211348）称，与同事林某一同在厦门市思明区中山路258号“名表汇”店购买的卡地亚"
        "手表为假货，店长吴志勇，店内电话0592-2035566。",
        [
            ("PERSON", "黄丽娜", COMPLAINANT),
            ("PHONE", "+8613950211348", COMPLAINANT),
            ("PERSON", "林某", OTHER),
            ("ADDRESS", "厦门市思明区中山路258号", ACCUSED),
            ("REGION", "350203"),
            ("SHOP", "名表汇"),
            ("BRAND", "cartier"),
            ("PERSON", "吴志勇", ACCUSED),
            ("PHONE", "+865922035566", ACCUSED),
        ],
    ),
]


def _is_e164(value: str) -> bool:
    """Valid per libphonenumber, in E.164. (Not ``PHONE.clean``: it rejects every Beijing
    landline, 010-…, whose national number starts with 1; the annotation says what a phone
    is, not what the hub's cleaner currently accepts.)"""
    number = phonenumbers.parse(value)
    return phonenumbers.is_valid_number(number) and value == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164
    )


def _check(kind: str, value: str) -> None:
    """Fail on an annotation that is not a canonical value of its type."""
    checks = {
        "PHONE": _is_e164,
        "USCC": lambda v: USCC.clean(v) == v,
        "USCC_INVALID": lambda v: USCC.check_format(v) == v and not USCC.is_valid(v),
        "ID_CARD": lambda v: ID_CARD.clean(v) == v,
        "WAYBILL": lambda v: WAYBILL.clean(v) == v,
        "URL": lambda v: URL.clean(v) == v,
        "BRAND": lambda v: brands.get(v) is not None,
        "REGION": lambda v: regions.get(v) is not None,
        "ORG": lambda v: normalize_name(v) == v,
        "SHOP": lambda v: normalize_name(v) == v,
        "PERSON": lambda v: 2 <= len(v) <= 4,
        "PLATFORM_ID": lambda v: ":" in v,
    }
    if not checks[kind](value):
        raise SystemExit(f"annotation ({kind}, {value!r}) is not a canonical {kind} value")


ROLES = (COMPLAINANT, ACCUSED, OTHER)


def _annotation(text: str, annotation: tuple[str, ...]) -> dict[str, str]:
    """One jsonl annotation; fails on a missing role, a stray one, or a bad value."""
    kind, value, *rest = annotation
    role = rest[0] if rest else None
    where = f"({kind}, {value!r}) in {text[:20]!r}…"
    if (role is not None) != (kind in ROLE_TYPES) or (role is not None and role not in ROLES):
        raise SystemExit(
            f"annotation {where}: role {role!r}; PHONE, PERSON, ID_CARD and ADDRESS "
            f"take one of {', '.join(ROLES)}, other types none"
        )
    record = {"type": kind, "value": value}
    if kind == "ADDRESS":
        if value not in text:
            raise SystemExit(f"annotation {where}: the address span is not in the text")
        placed = canonical(value)
        if placed.region is not None and placed.text == regions.full_name(placed.region):
            raise SystemExit(f"annotation {where}: a bare place name is a REGION, not an ADDRESS")
        record = {"type": kind, "value": placed.text, "text": value}
    else:
        _check(kind, value)
    if role is not None:
        record["role"] = role
    return record


def _record(text: str, annotations: list[tuple[str, ...]]) -> dict:
    """One jsonl line; fails when one (type, value) carries two roles in a text."""
    entities = [_annotation(text, a) for a in annotations]
    roles: dict[tuple[str, str], str | None] = {}
    for e in entities:
        key = (e["type"], e["value"])
        if roles.setdefault(key, e.get("role")) != e.get("role"):
            raise SystemExit(f"{key} has two roles in {text[:20]!r}…")
    return {"text": text, "entities": entities}


def main() -> None:
    assert not ID_CARD.is_valid(ID_BAD)
    with OUT.open("w", encoding="utf-8") as out:
        for text, annotations in CORPUS:
            out.write(json.dumps(_record(text, annotations), ensure_ascii=False) + "\n")
    print(f"wrote {len(CORPUS)} texts to {OUT}")


if __name__ == "__main__":
    main()
