"""Vocabularies of the demo world, as data: people's names, places, brands, products, shops.

Everything the generator draws from lives here so the world's flavour can be read and
changed in one place. Places carry their GB/T 2260 county code (checked against the graph's
division table by the tests) and the local landline area code; brands use the slugs of the
hub's brand table (``ingest/data/brands.tsv``) so extraction and the demo agree.

Production clusters are the well-known ones (产业集群): 莆田 shoes, 晋江/石狮 sportswear,
义乌 small goods, 白沟 bags, 广州白云 cosmetics. Label printers sit where labels and packaging
are printed (温州 鹿城/苍南/龙港, 汕头 潮南, 东莞). Warehouses sit in logistics hubs of other
provinces. None of the people, shops or companies is real.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- people ------------------------------------------------------------------------------

SURNAMES: tuple[str, ...] = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
# Surnames of the southern Fujian coast, where the shoe and sportswear workshops are.
FUJIAN_SURNAMES: tuple[str, ...] = tuple("林陈黄郑吴许蔡李王张刘杨周方洪翁柯")
GIVEN_CHARS: tuple[str, ...] = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国志玉海燕晓东文辉红梅春林秀英兰凤桂荣"
    "鹏飞宇浩婷雪琳佳欣怡子涵梓轩俊杰思远嘉豪雨萱诗颖振宏伟德福生金宝水清永安小龙"
)
# How a sender or receiver is often written on a waybill instead of a full name.
NICKNAME_FORMS: tuple[str, ...] = (
    "{s}先生",
    "{s}女士",
    "{s}老板",
    "{s}师傅",
    "{s}总",
    "小{s}",
    "阿{g}",
)

# --- places ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A county-level place with towns and roads to write addresses, and its phone area."""

    key: str
    region: str  # GB/T 2260 county (or county-less city) code
    towns: tuple[str, ...]
    roads: tuple[str, ...]
    area_code: str
    landline_digits: int  # digits after the area code


PLACES: dict[str, Place] = {
    p.key: p
    for p in (
        # production
        Place("putian_licheng", "350304", ("黄石镇", "西天尾镇", "新度镇", "拱辰街道", "镇海街道"),
              ("工业路", "荔港大道", "华林路", "东圳路", "梅园路", "鞋业路"), "0594", 7),
        Place("putian_xiuyu", "350305", ("笏石镇", "东庄镇", "月塘镇", "灵川镇"),
              ("笏石大道", "工业园路", "埭头路", "秀屿大道"), "0594", 7),
        Place("jinjiang", "350582", ("陈埭镇", "池店镇", "内坑镇", "磁灶镇"),
              ("鞋都路", "世纪大道", "泉安路", "工业区路"), "0595", 8),
        Place("shishi", "350581", ("蚶江镇", "灵秀镇", "宝盖镇", "鸿山镇"),
              ("服装城路", "石狮大道", "宝盖路", "长福路"), "0595", 8),
        Place("yiwu", "330782",
              ("佛堂镇", "苏溪镇", "稠江街道", "北苑街道", "福田街道", "后宅街道"),
              ("春风大道", "城北路", "宗泽路", "工人北路", "稠州北路", "雪峰西路"), "0579", 8),
        Place("baigou", "130684", ("白沟镇", "辛立庄镇", "泗庄镇"),
              ("白沟大道", "和道国际路", "迎宾路", "兴华路"), "0312", 7),
        Place("guangzhou_baiyun", "440111",
              ("太和镇", "人和镇", "钟落潭镇", "石井街道", "三元里街道", "嘉禾街道"),
              ("白云大道北", "石槎路", "太和北路", "鹤龙一路", "机场路"), "020", 8),
        # label and packaging printing
        Place("wenzhou_lucheng", "330302", ("双屿街道", "仰义街道", "藤桥镇"),
              ("鹿城工业区路", "双屿路", "温金路"), "0577", 8),
        Place("cangnan", "330327", ("灵溪镇", "钱库镇", "宜山镇", "金乡镇"),
              ("印刷工业园路", "金乡大道", "宜山路"), "0577", 8),
        Place("longgang", "330383", ("", ), ("印刷城路", "龙港大道", "世纪大道"), "0577", 8),
        Place("shantou_chaonan", "440514", ("峡山街道", "两英镇", "陈店镇"),
              ("峡山大道", "金光路", "工业区路"), "0754", 8),
        Place("dongguan", "441900", ("长安镇", "虎门镇", "厚街镇"),
              ("长安大道", "虎门大道", "厚街大道"), "0769", 8),
        # storage (logistics hubs)
        Place("hangzhou_yuhang", "330110", ("仓前街道", "良渚街道", "余杭街道"),
              ("良睦路", "文一西路", "古墩路"), "0571", 8),
        Place("linyi_lanshan", "371302", ("兰山街道", "金雀山街道", "义堂镇", "柳青街道"),
              ("临西八路", "沂蒙路", "通达路", "解放路"), "0539", 7),
        Place("zhengzhou_xinzheng", "410184", ("龙湖镇", "薛店镇", "新村镇"),
              ("中华北路", "双湖大道", "黄帝故里路"), "0371", 8),
        Place("wuhan_dongxihu", "420112", ("走马岭街道", "金银潭街道", "吴家山街道"),
              ("东吴大道", "新城十一路", "临空港大道"), "027", 8),
        Place("tianjin_wuqing", "120114", ("杨村街道", "下朱庄街道"),
              ("京津公路", "翠通路", "泉达路"), "022", 8),
        Place("chengdu_shuangliu", "510116", ("东升街道", "九江街道", "西航港街道"),
              ("航空港大道", "西航港大道", "白河路"), "028", 8),
        Place("foshan_nanhai", "440605", ("桂城街道", "大沥镇", "里水镇", "狮山镇"),
              ("桂澜路", "广佛路", "海八路"), "0757", 8),
        Place("suzhou_wuzhong", "320506", ("甪直镇", "木渎镇", "越溪街道"),
              ("吴中大道", "宝带西路", "旺山路"), "0512", 8),
        # genuine brands' logistics centres
        Place("suzhou_taicang", "320585", ("浏河镇", "城厢镇", "沙溪镇"),
              ("太仓港大道", "北京东路", "郑和大道"), "0512", 8),
        Place("shanghai_jiading", "310114", ("马陆镇", "安亭镇", "嘉定工业区"),
              ("叶城路", "宝安公路", "墨玉路"), "021", 8),
        Place("guangzhou_huangpu", "440112", ("云埔街道", "萝岗街道", "永和街道"),
              ("开创大道", "科学大道", "永顺大道"), "020", 8),
    )
}  # fmt: skip

PRINTER_PLACES: tuple[str, ...] = (
    "wenzhou_lucheng", "cangnan", "longgang", "shantou_chaonan", "dongguan",
)  # fmt: skip
WAREHOUSE_PLACES: tuple[str, ...] = (
    "hangzhou_yuhang", "guangzhou_baiyun", "linyi_lanshan", "yiwu", "zhengzhou_xinzheng",
    "wuhan_dongxihu", "tianjin_wuqing", "chengdu_shuangliu", "foshan_nanhai", "suzhou_wuzhong",
)  # fmt: skip
GENUINE_DEPOT_PLACES: tuple[str, ...] = (
    "suzhou_taicang", "shanghai_jiading", "guangzhou_huangpu", "tianjin_wuqing",
    "chengdu_shuangliu", "wuhan_dongxihu",
)  # fmt: skip
# Regions where legitimate companies of brands register (USCC division part).
GENUINE_COMPANY_REGIONS: tuple[str, ...] = ("310115", "310104", "110105", "440106", "320505")

# Province code -> weight (2020 census population, millions): where buyers and sellers live.
PROVINCE_WEIGHTS: dict[str, float] = {
    "440000": 126.0, "370000": 101.5, "410000": 99.4, "320000": 84.7, "510000": 83.7,
    "130000": 74.6, "330000": 64.6, "430000": 66.4, "340000": 61.0, "420000": 57.8,
    "450000": 50.1, "530000": 47.2, "360000": 45.2, "210000": 42.6, "350000": 41.5,
    "610000": 39.5, "230000": 31.9, "140000": 34.9, "520000": 38.6, "500000": 32.1,
    "220000": 24.1, "620000": 25.0, "150000": 24.0, "310000": 24.9, "650000": 25.9,
    "110000": 21.9, "120000": 13.9, "460000": 10.1, "640000": 7.2, "630000": 5.9,
    "540000": 3.6,
}  # fmt: skip
# Provinces where online shop operators cluster (sale regions of the rings).
SELLER_PROVINCE_WEIGHTS: dict[str, float] = {
    "440000": 30, "330000": 25, "350000": 18, "320000": 10, "410000": 8, "370000": 8,
    "360000": 6, "430000": 6, "510000": 5, "130000": 5, "340000": 5, "420000": 5,
}  # fmt: skip

ROADS: tuple[str, ...] = (
    "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "光明路", "文化路",
    "朝阳路", "长江路", "黄河路", "青年路", "东风路", "团结路", "迎宾大道", "滨江路", "学府路",
    "幸福路", "振兴路", "健康路", "花园路", "公园路", "友谊路", "民主路", "工农路",
)  # fmt: skip
COMMUNITIES: tuple[str, ...] = (
    "阳光花园", "幸福小区", "锦绣家园", "翠苑", "金色家园", "书香苑", "华府", "御景湾",
    "碧桂园", "万科城", "恒大名都", "滨江花园", "世纪新城", "紫荆苑", "枫林小区", "东方明珠苑",
    "和谐家园", "盛世华庭", "龙湖春江", "保利花园",
)  # fmt: skip

# --- brands and products -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Brand:
    """A brand as the demo uses it: slug (hub brand table), how people write it, products."""

    slug: str
    zh: str
    written: tuple[str, ...]  # how complaints and titles write it (noise included)
    products: tuple[tuple[str, float], ...]  # (product words, genuine price in yuan)


BRANDS: dict[str, Brand] = {
    b.slug: b
    for b in (
        Brand("nike", "耐克", ("耐克", "NIKE", "Nike", "nike", "耐克Nike", "AJ"),
              (("Air Jordan 1 高帮 芝加哥", 1299), ("Air Force 1 低帮 空军一号", 799),
               ("Dunk Low 熊猫", 799), ("Air Max 270 气垫跑鞋", 1099))),
        Brand("adidas", "阿迪达斯", ("阿迪达斯", "阿迪", "adidas", "ADIDAS", "三叶草"),
              (("Yeezy 350 V2 椰子鞋", 1899), ("Superstar 贝壳头", 699), ("Samba 德训鞋", 899))),
        Brand("new-balance", "新百伦", ("新百伦", "New Balance", "NB"),
              (("574 复古跑鞋", 699), ("530 老爹鞋", 799), ("2002R 休闲鞋", 1099))),
        Brand("converse", "匡威", ("匡威", "Converse", "CONVERSE"),
              (("1970s 高帮帆布鞋", 569), ("Chuck Taylor 低帮", 429))),
        Brand("vans", "万斯", ("万斯", "Vans", "VANS"), (("Old Skool 板鞋", 499),)),
        Brand("puma", "彪马", ("彪马", "Puma", "PUMA"), (("Suede 复古板鞋", 599),)),
        Brand("the-north-face", "北面", ("北面", "The North Face", "TNF"),
              (("1996 经典羽绒服", 2598), ("三合一冲锋衣", 1998))),
        Brand("under-armour", "安德玛", ("安德玛", "Under Armour", "UA"),
              (("速干运动T恤", 299), ("紧身训练裤", 399))),
        Brand("anta", "安踏", ("安踏", "ANTA"), (("KT7 篮球鞋", 699), ("运动卫衣", 299))),
        Brand("li-ning", "李宁", ("李宁", "LINING", "李宁牌"), (("韦德之道 篮球鞋", 1299),)),
        Brand("canada-goose", "加拿大鹅", ("加拿大鹅", "Canada Goose", "大鹅"),
              (("Expedition 派克大衣", 9800),)),
        Brand("moncler", "盟可睐", ("盟可睐", "Moncler", "蒙口"), (("Maya 短款羽绒服", 12800),)),
        Brand("louis-vuitton", "路易威登", ("路易威登", "LV", "Louis Vuitton", "驴牌"),
              (("Neverfull 老花托特包", 15500), ("Speedy 25 枕头包", 13000),
               ("老花长款钱包", 5600))),
        Brand("gucci", "古驰", ("古驰", "GUCCI", "Gucci", "古奇"),
              (("Marmont 链条单肩包", 19800), ("Ophidia 老花斜挎包", 12500), ("双G腰带", 4100))),
        Brand("chanel", "香奈儿", ("香奈儿", "CHANEL", "Chanel", "小香"),
              (("CF 经典口盖包", 78000), ("WOC 链条包", 26000), ("19Bag 菱格包", 48000))),
        Brand("coach", "蔻驰", ("蔻驰", "COACH", "Coach"),
              (("Tabby 单肩包", 4500), ("Rogue 托特包", 5800))),
        Brand("prada", "普拉达", ("普拉达", "PRADA", "Prada"),
              (("Re-Edition 尼龙腋下包", 11500),)),
        Brand("hermes", "爱马仕", ("爱马仕", "Hermes", "HERMES"),
              (("Picotin 菜篮子包", 24000),)),
        Brand("burberry", "博柏利", ("博柏利", "巴宝莉", "Burberry"), (("经典格纹围巾", 4900),)),
        Brand("estee-lauder", "雅诗兰黛", ("雅诗兰黛", "Estee Lauder", "EL", "雅诗兰黛小棕瓶"),
              (("特润修护精华露 小棕瓶 50ml", 880), ("DW 持妆粉底液 30ml", 460))),
        Brand("lancome", "兰蔻", ("兰蔻", "Lancome", "LANCOME"),
              (("小黑瓶精华肌底液 50ml", 1080), ("菁纯唇膏", 350))),
        Brand("sk-ii", "SK-II", ("SK-II", "SK2", "SKII", "sk2神仙水"),
              (("护肤精华露 神仙水 230ml", 1540),)),
        Brand("dior", "迪奥", ("迪奥", "Dior", "DIOR"),
              (("烈艳蓝金唇膏 999", 350), ("真我香水 100ml", 1350))),
        Brand("ysl", "圣罗兰", ("圣罗兰", "YSL", "杨树林"),
              (("小金条口红 21号", 380), ("自由之水香水 90ml", 1300))),
        Brand("shiseido", "资生堂", ("资生堂", "Shiseido"), (("红腰子精华 50ml", 790),)),
        Brand("loreal", "欧莱雅", ("欧莱雅", "L'Oreal", "巴黎欧莱雅"),
              (("复颜玻尿酸面霜 50ml", 299),)),
        Brand("pop-mart", "泡泡玛特", ("泡泡玛特", "Pop Mart", "POPMART", "Labubu"),
              (("LABUBU 搪胶毛绒挂件", 99), ("MOLLY 系列盲盒", 69))),
        Brand("lego", "乐高", ("乐高", "LEGO", "Lego"),
              (("机械组 保时捷 积木", 3299), ("城市系列 警察局", 899))),
        Brand("apple", "苹果", ("苹果耳机", "Apple", "AirPods", "苹果"),
              (("AirPods Pro 2 无线耳机", 1899), ("20W USB-C 充电器", 149))),
        Brand("dyson", "戴森", ("戴森", "Dyson", "DYSON"), (("Supersonic 吹风机 HD15", 3199),)),
    )
}  # fmt: skip

# --- production clusters -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cluster:
    """A production cluster: where workshops sit, what they make, how parcels are labelled."""

    key: str
    label: str
    places: tuple[str, ...]  # production place keys
    brands: tuple[str, ...]
    unit: str  # 双 / 个 / 件 / 盒
    goods: tuple[str, ...]  # what the waybill says is inside (vague, as senders write it)
    labels: tuple[str, ...]  # what a label printer ships to the workshop
    printers: tuple[str, ...]  # printer place keys
    shop_words: tuple[str, ...]  # first part of shop names
    workshop_words: tuple[str, ...]  # trade words for the workshop's company name
    legit_goods: tuple[tuple[str, float], ...]  # unbranded goods local legit firms sell


CLUSTERS: dict[str, Cluster] = {
    c.key: c
    for c in (
        Cluster("putian_shoes", "莆田鞋", ("putian_licheng", "putian_xiuyu"),
                ("nike", "adidas", "new-balance", "converse", "vans", "puma"), "双",
                ("运动鞋", "鞋子", "鞋", "板鞋", "样品鞋"),
                ("鞋标", "鞋盒", "吊牌", "防尘纸", "合格证", "鞋垫印刷品"),
                ("wenzhou_lucheng", "cangnan", "longgang"),
                ("潮鞋汇", "鞋匠铺", "型男鞋仓", "酷跑", "风尚运动", "优品鞋业", "速跑体育",
                 "劲步", "潮流前线", "鞋柜", "球鞋控", "AJ潮鞋"),
                ("鞋业", "鞋服", "体育用品", "鞋材"),
                (("男士休闲鞋", 129), ("儿童运动鞋", 89), ("老人健步鞋", 99))),
        Cluster("jinjiang_sportswear", "晋江石狮运动服", ("jinjiang", "shishi"),
                ("nike", "adidas", "the-north-face", "under-armour", "anta", "li-ning",
                 "canada-goose", "moncler"), "件",
                ("服装", "衣服", "运动服", "羽绒服", "童装"),
                ("洗水唛", "吊牌", "领标", "包装袋", "防伪标签"),
                ("wenzhou_lucheng", "cangnan", "dongguan"),
                ("户外先锋", "运动衣橱", "潮牌工厂", "体育用品", "型动派", "冬季羽绒", "运动潮牌"),
                ("服饰", "服装", "针织", "制衣"),
                (("纯棉T恤", 39), ("加厚卫衣", 89), ("运动套装", 129))),
        Cluster("yiwu_goods", "义乌小商品", ("yiwu",),
                ("pop-mart", "lego", "apple", "dyson"), "个",
                ("小商品", "玩具", "日用品", "饰品", "电子配件"),
                ("包装盒", "不干胶标签", "说明书", "防伪贴", "吊卡"),
                ("cangnan", "longgang", "shantou_chaonan"),
                ("潮玩社", "盲盒乐园", "精品小物", "萌物集", "数码配件", "积木乐园", "好物优选"),
                ("工艺品", "玩具", "电子", "日用品"),
                (("收纳盒", 19.9), ("保温杯", 39), ("手机壳", 15), ("毛绒玩具", 29))),
        Cluster("baigou_bags", "白沟箱包", ("baigou",),
                ("louis-vuitton", "gucci", "chanel", "coach", "prada", "hermes", "burberry"),
                "个",
                ("箱包", "女包", "包", "皮具", "样品"),
                ("五金扣", "皮标", "防尘袋", "包装盒", "吊牌"),
                ("cangnan", "wenzhou_lucheng", "dongguan"),
                ("名媛包包", "轻奢女包", "小香风", "包包控", "时尚女包馆", "奢品汇", "精品皮具"),
                ("箱包", "皮具", "皮革制品"),
                (("帆布双肩包", 59), ("旅行拉杆箱", 199), ("女士手提包", 89))),
        Cluster("baiyun_cosmetics", "广州白云化妆品", ("guangzhou_baiyun",),
                ("estee-lauder", "lancome", "sk-ii", "dior", "ysl", "shiseido", "loreal"), "盒",
                ("化妆品", "护肤品", "日化用品", "样品"),
                ("瓶贴", "包装盒", "中文背标", "防伪码贴", "塑封膜"),
                ("shantou_chaonan", "longgang", "dongguan"),
                ("美妆小铺", "颜究所", "小仙女美妆", "专柜代购", "海淘美妆", "香氛小屋", "美肌馆"),
                ("生物科技", "化妆品", "日化"),
                (("补水面膜", 49), ("洗面奶", 29), ("身体乳", 39))),
    )
}  # fmt: skip

# --- shops, companies, hubs --------------------------------------------------------------

# Platform -> shop-name endings sellers use there.
SHOP_SUFFIXES: dict[str, tuple[str, ...]] = {
    "tmall": ("专营店", "旗舰店", "专卖店"),
    "taobao": ("小店", "工作室", "正品店", "代购", "折扣店", "潮店"),
    "jd": ("专营店", "旗舰店", "官方店"),
    "pdd": ("品牌折扣店", "工厂店", "特卖", "百货"),
    "douyin": ("小店", "直播间", "优选"),
    "kuaishou": ("小店", "好物", "直播间"),
    "1688": ("厂家直销", "工厂店", "批发部", "源头工厂"),
}
# Optional words between a shop name's stem and its ending.
SHOP_MIDDLES: tuple[str, ...] = ("", "", "", "正品", "精品", "优选", "好物", "工厂", "潮流")
SALE_PLATFORMS: tuple[str, ...] = ("taobao", "pdd", "douyin", "kuaishou", "tmall", "jd")
SALE_PLATFORM_WEIGHTS: tuple[float, ...] = (30, 25, 18, 12, 8, 7)
# Words that dress up a counterfeit listing title.
FAKE_TITLE_TAGS: tuple[str, ...] = (
    "原单", "公司级", "纯原", "1:1", "专柜同款", "清仓特价", "正品", "支持验货", "顶级版本",
    "官方正品", "断码清仓", "尾单",
)  # fmt: skip
GENUINE_TITLE_TAGS: tuple[str, ...] = ("官方正品", "品牌直发", "专柜同步", "新品", "官方授权")
# Nicer-sounding endings for look-alike (legitimate) shops with near-identical names.
LOOKALIKE_ENDINGS: tuple[str, ...] = ("专营店", "旗舰店", "官方店", "精选店", "生活馆")

COMPANY_NAME_WORDS: tuple[str, ...] = (
    "鑫盛", "宏达", "恒丰", "金源", "永兴", "华美", "嘉禾", "瑞祥", "顺发", "隆昌", "佳美",
    "腾飞", "盛世", "万利", "锦程", "富源", "新锐", "创美", "丰泽", "汇通",
)  # fmt: skip
PRINTER_WORDS: tuple[str, ...] = ("印刷", "包装印刷", "商标印刷", "标签", "彩印", "织唛")
WAREHOUSE_WORDS: tuple[str, ...] = ("供应链管理", "仓储服务", "物流", "电子商务")
# Carriers and the words on their outlets.
CARRIER_OUTLETS: dict[str, str] = {
    "ZTO": "中通快递", "YD": "韵达快递", "STO": "申通快递", "YT": "圆通速递", "JT": "极兔速递",
    "SF": "顺丰速运", "EMS": "中国邮政EMS", "JD": "京东物流",
}  # fmt: skip
HUB_KINDS: tuple[str, ...] = ("网点", "营业部", "分拨中心", "揽收点")

GENERIC_CONTENTS: tuple[str, ...] = (
    "衣物", "文件", "土特产", "书籍", "日用品", "零食", "茶叶", "手机配件", "玩具", "鞋",
    "化妆品", "药品", "家居用品",
)  # fmt: skip
