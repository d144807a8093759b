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
Scoring compares sets of (type, value) per text.
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

CORPUS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "【12315工单】投诉人李女士（电话13912345678）反映：2024年5月12日在抖音直播间“阿强潮鞋”"
        "购买耐克Air Force 1运动鞋一双，收到后发现鞋标粗糙，疑似假货。快递为中通，运单号"
        "75312345678901，寄件地址广东省广州市白云区三元里大道。",
        [
            ("PERSON", "李女士"),
            ("PHONE", "+8613912345678"),
            ("SHOP", "阿强潮鞋"),
            ("BRAND", "nike"),
            ("WAYBILL", "ZTO:75312345678901"),
            ("REGION", "440111"),
        ],
    ),
    (
        f"举报信：我实名举报晋江市陈埭镇鸿盛鞋业有限公司（统一社会信用代码{U_JJ}）长期生产假冒"
        f"阿迪达斯运动鞋。该厂实际控制人陈建国，身份证号{ID_JJ}，手机 186 5955 1234。厂房位于"
        "晋江市陈埭镇溪边工业区。举报人：吴先生，电话0595-85612345。",
        [
            ("ORG", "晋江市陈埭镇鸿盛鞋业有限公司"),
            ("REGION", "350582"),
            ("USCC", U_JJ),
            ("BRAND", "adidas"),
            ("PERSON", "陈建国"),
            ("ID_CARD", ID_JJ),
            ("PHONE", "+8618659551234"),
            ("PERSON", "吴先生"),
            ("PHONE", "+8659585612345"),
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
            ("PHONE", "+862086543210"),
        ],
    ),
    (
        "【物流协查】顺丰速运反馈：寄件人刘某，寄件电话15859412345，寄件地址福建省莆田市荔城区"
        "黄石镇华林村，运单号SF1398765432101，收件人张先生，收件地址浙江省杭州市余杭区。同批次"
        "另有运单SF 1398 7654 3210 2。",
        [
            ("PERSON", "刘某"),
            ("PHONE", "+8615859412345"),
            ("REGION", "350304"),
            ("WAYBILL", "SF:SF1398765432101"),
            ("PERSON", "张先生"),
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
            ("PERSON", "赵某某"),
            ("SHOP", "赵记箱包"),
            ("BRAND", "louis-vuitton"),
            ("BRAND", "chanel"),
            ("ID_CARD", ID_HB),
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
            ("PERSON", "王先生"),
            ("BRAND", "sk-ii"),
            ("PHONE", "+8618950123456"),
            ("PHONE", "+8613705912345"),
        ],
    ),
    (
        "经查，涉事企业义乌市优品日用品有限公司营业执照显示统一社会信用代码为"
        f"{U_YW_BAD}，与国家企业信用信息公示系统登记不一致，疑似伪造执照。企业位于义乌国际商贸城"
        "二区。",
        [
            ("ORG", "义乌市优品日用品有限公司"),
            ("REGION", "330782"),
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
            ("PHONE", "+864008201234"),
            ("PHONE", "+862162345678"),
            ("REGION", "310101"),
        ],
    ),
    (
        f"邮政EMS单号{EMS_1}，寄件人：孙某，寄自云南省昆明市五华区，另一件走中国邮政快递单号 "
        "9876543210123。",
        [
            ("WAYBILL", f"EMS:{EMS_1}"),
            ("PERSON", "孙某"),
            ("REGION", "530102"),
            ("WAYBILL", "EMS:9876543210123"),
        ],
    ),
    (
        "京东快递单号JDVA12345678901，收货人：何晓明，收货地址重庆市渝北区。京东商品编号"
        "100034567890，店铺为“宏达数码专营店”。",
        [
            ("WAYBILL", "JD:JDVA12345678901"),
            ("PERSON", "何晓明"),
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
            ("PERSON", "王某"),
            ("PHONE", "+861065123456"),
        ],
    ),
    (
        "吉林省长春市朝阳区红旗街一家商店销售假冒茅台酒，负责人姓名：周立新。",
        [("REGION", "220104"), ("BRAND", "moutai"), ("PERSON", "周立新")],
    ),
    (
        "贵州省贵阳市白云区某仓库查获假冒老干妈辣椒酱500箱，仓库负责人为黄某。",
        [("REGION", "520113"), ("BRAND", "laoganma"), ("PERSON", "黄某")],
    ),
    (
        f"东莞市虎门镇一服装加工厂被查，现场查获假冒优衣库吊牌2万余张，厂长谢某某，身份证{ID_DG}。",
        [
            ("REGION", "441900"),
            ("BRAND", "uniqlo"),
            ("PERSON", "谢某某"),
            ("ID_CARD", ID_DG),
        ],
    ),
    (
        "线索：莆田安福电商城多家网店通过拼多多销售假冒新百伦运动鞋，其中店铺“NB潮鞋工厂店”的"
        "发货人为郑某，发货电话 13706981234。",
        [
            ("REGION", "350304"),
            ("BRAND", "new-balance"),
            ("SHOP", "NB潮鞋工厂店"),
            ("PERSON", "郑某"),
            ("PHONE", "+8613706981234"),
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
            ("PERSON", "楼女士"),
            ("PHONE", "+8613957912345"),
        ],
    ),
    (
        f"安溪县铁观音茶叶专业合作社（统一社会信用代码 {U_N}）被举报冒用地理标志“安溪铁观音”，"
        "法定代表人林国栋。",
        [
            ("ORG", "安溪县铁观音茶叶专业合作社"),
            ("REGION", "350524"),
            ("USCC", U_N),
            ("PERSON", "林国栋"),
        ],
    ),
    (
        f"当事人身份信息：姓名 冯志强，身份证号 {ID_NA}；所经营的南安市志强五金店统一社会信用代码 "
        f"{U_NA}。",
        [
            ("PERSON", "冯志强"),
            ("ID_CARD", ID_NA),
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
            ("PHONE", "+8615912348765"),
        ],
    ),
    (
        "辽宁省沈阳市和平区太原街商场内两家专柜销售假冒欧米茄手表，其中一家为“时尚名表专柜”，"
        "经营者为沈阳恒久商贸有限公司，联系电话 024-2345 6789。",
        [
            ("REGION", "210102"),
            ("BRAND", "omega"),
            ("SHOP", "时尚名表专柜"),
            ("ORG", "沈阳恒久商贸有限公司"),
            ("REGION", "210100"),
            ("PHONE", "+862423456789"),
        ],
    ),
    (
        "深圳华强北电子市场多家档口出售假冒苹果耳机AirPods，档口“诚信数码”老板叫陈伟，微信同号 "
        "13823456789。",
        [
            ("REGION", "440304"),
            ("BRAND", "apple"),
            ("SHOP", "诚信数码"),
            ("PERSON", "陈伟"),
            ("PHONE", "+8613823456789"),
        ],
    ),
    (
        "消费者称收到的五粮液酒瓶盖已被开封，包装盒内无防伪码，商家发货地为四川省宜宾市翠屏区。",
        [("BRAND", "wuliangye"), ("REGION", "511502")],
    ),
    (
        "福建省厦门市思明区中山路步行街某店销售假冒周大福黄金饰品，店员称货源来自深圳水贝。",
        [("REGION", "350203"), ("REGION", "440300")],
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
            ("PERSON", "李某"),
        ],
    ),
    (
        "请联系莆田市荔城区市场监督管理局执法大队，电话（0594）2671234转8001。",
        [("REGION", "350304"), ("PHONE", "+865942671234")],
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
            ("PHONE", "+8618850123456"),
            ("REGION", "350582"),
        ],
    ),
    (
        "12315接诉：2024年7月1日，市民陈女士来电反映在我区万达广场“潮流服饰”店购买的巴宝莉围巾"
        f"疑似假冒，店铺营业执照号 {U_SH}，请转上海市浦东新区市场监督管理局处理。",
        [
            ("PERSON", "陈女士"),
            ("SHOP", "潮流服饰"),
            ("BRAND", "burberry"),
            ("USCC", U_SH),
            ("REGION", "310115"),
        ],
    ),
    (
        "网友举报：微信朋友圈有人销售假冒卡地亚手镯，微信号 kdy_8888，收款人姓名：钟丽华，收款"
        "账户 6228 4800 1234 5678 910，发货地福建省厦门市湖里区。",
        [("BRAND", "cartier"), ("PERSON", "钟丽华"), ("REGION", "350206")],
    ),
    (
        "境外买家来信称收到的劳力士手表为仿品，卖家联系方式 0086-138-0013-8000，卖家地址：广东省"
        "深圳市罗湖区。",
        [("BRAND", "rolex"), ("PHONE", "+8613800138000"), ("REGION", "440303")],
    ),
    (
        "执法人员在浙江省金华市义乌市稠城街道一处民宅内发现“小美饰品工作室”，现场负责人龚某，现场"
        "查获假冒迪奥、香奈儿包装盒300余个及印有“Dior”标识的不干胶标签一批。",
        [
            ("REGION", "330782"),
            ("ORG", "小美饰品工作室"),
            ("PERSON", "龚某"),
            ("BRAND", "dior"),
            ("BRAND", "chanel"),
        ],
    ),
    (
        "白沟箱包城商户马某通过快递向北京、天津等地批发假冒普拉达手袋，收件人分别为北京市丰台区的"
        "刘某和天津市河西区的韩某。",
        [
            ("REGION", "130684"),
            ("PERSON", "马某"),
            ("REGION", "110000"),
            ("REGION", "120000"),
            ("BRAND", "prada"),
            ("REGION", "110106"),
            ("PERSON", "刘某"),
            ("REGION", "120103"),
            ("PERSON", "韩某"),
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
            ("PERSON", "赵律师"),
            ("PHONE", "+862168889999"),
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
        [("PERSON", "吕某"), ("ID_CARD", ID_GZ), ("REGION", "440106")],
    ),
    (
        "负责人欧阳志远拒不配合检查，店铺“志远名品折扣店”位于湖南省长沙市天心区，联系人：江涛，"
        "电话 0731-8888 1234。",
        [
            ("PERSON", "欧阳志远"),
            ("SHOP", "志远名品折扣店"),
            ("REGION", "430103"),
            ("PERSON", "江涛"),
            ("PHONE", "+8673188881234"),
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
        [("PERSON", "李宁"), ("BRAND", "anta"), ("REGION", "350582")],
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
            ("PERSON", "林晓燕"),
            ("ID_CARD", ID_LC),
            ("PHONE", "+8613055667788"),
            ("REGION", "350304"),
        ],
    ),
    (
        "普宁国际服装城内一档口销售假冒李宁运动服，发票号码 04400123456789012，档口负责人方某，"
        "电话0663-2345678。",
        [
            ("REGION", "445281"),
            ("BRAND", "li-ning"),
            ("PERSON", "方某"),
            ("PHONE", "+866632345678"),
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
            ("PERSON", "孟某"),
        ],
    ),
    (
        "12315转来：消费者郭某在唯品会购买的蔻驰手提包经鉴定为假货，商家客服电话 020-3888 1234，"
        "客服人员称可以退货。",
        [("PERSON", "郭某"), ("BRAND", "coach"), ("PHONE", "+862038881234")],
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
            ("PERSON", "张女士"),
            ("REGION", "350104"),
            ("SHOP", "潮人馆"),
            ("BRAND", "new-balance"),
            ("PHONE", "+8659187654321"),
        ],
    ),
    (
        "经查，嫌疑人黄某某（男，1988年生）租用泉州市丰泽区东海街道某民房作为仓库，存放假冒香奈儿"
        "香水1200瓶，通过闲鱼账号“香香好物”对外销售，收款微信绑定手机号17750123456。",
        [
            ("PERSON", "黄某某"),
            ("REGION", "350503"),
            ("BRAND", "chanel"),
            ("SHOP", "香香好物"),
            ("PHONE", "+8617750123456"),
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
            ("PERSON", "刘佳美"),
        ],
    ),
    (
        "投诉人：林先生，手机号码 135-0505-6789，投诉对象：厦门市湖里区鑫鑫商贸有限公司"
        "（法定代表人：陈国强），该公司在京东开设“鑫鑫母婴专营店”销售假冒飞鹤奶粉。",
        [
            ("PERSON", "林先生"),
            ("PHONE", "+8613505056789"),
            ("ORG", "厦门市湖里区鑫鑫商贸有限公司"),
            ("REGION", "350206"),
            ("PERSON", "陈国强"),
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
            ("ID_CARD", ID_BY),
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
            ("PERSON", "吴敏"),
            ("PHONE", "+8615803710000"),
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
            ("PERSON", "王某某"),
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
            ("PERSON", "孙某"),
            ("PHONE", "+8631187654321"),
            ("REGION", "150102"),
        ],
    ),
    (
        "来信人反映：温州市瓯海区一家眼镜店销售假冒雷朋(Ray-Ban)太阳镜，店名为“明亮眼镜”，店主姓名"
        "叶小红。",
        [("REGION", "330304"), ("SHOP", "明亮眼镜"), ("PERSON", "叶小红")],
    ),
    (
        "网购维权：在小红书店铺“Lulu家的小铺”买了一件Canada Goose羽绒服，吊牌二维码扫描无效，商家"
        "拒绝退款，商家微信号 lulu_home2023，收款账户户名：苏璐。",
        [("SHOP", "Lulu家的小铺"), ("BRAND", "canada-goose"), ("PERSON", "苏璐")],
    ),
    (
        "综合执法大队在成都市金牛区荷花池批发市场查处一起销售假冒耐克、阿迪达斯运动服案件，当事人张某"
        f"（身份证号 {ID_JN}）经营的档口无营业执照。",
        [
            ("REGION", "510106"),
            ("BRAND", "nike"),
            ("BRAND", "adidas"),
            ("PERSON", "张某"),
            ("ID_CARD", ID_JN),
        ],
    ),
    (
        "经营者罗志平在其开设的美团外卖店铺“老罗烧烤”中使用未经授权的“老干妈”商标，投诉人为贵州"
        "老干妈风味食品有限责任公司。",
        [
            ("PERSON", "罗志平"),
            ("SHOP", "老罗烧烤"),
            ("BRAND", "laoganma"),
            ("ORG", "贵州老干妈风味食品有限责任公司"),
            ("REGION", "520000"),
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


def main() -> None:
    assert not ID_CARD.is_valid(ID_BAD)
    with OUT.open("w", encoding="utf-8") as out:
        for text, entities in CORPUS:
            for kind, value in entities:
                _check(kind, value)
            record = {"text": text, "entities": [{"type": k, "value": v} for k, v in entities]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(CORPUS)} texts to {OUT}")


if __name__ == "__main__":
    main()
