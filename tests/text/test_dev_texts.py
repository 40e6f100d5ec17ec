"""The development texts (laws, regulations, State Council documents, CPC congress reports): the outline of
each, written from reading the text, with exact titles and offsets.

``OUTLINES`` lists, per text, every part as ``(marker, title, articles, sub-points)`` and every sub-point as
``(marker, title, points)``; ``articles`` is ``(first, last)`` of the articles directly in the unit, ``points``
either that or the markers of the numbered items inside the unit. Offsets are not copied from the parser:
each unit must start at the line of the raw file that begins with its marker followed by its title (an
unmarked heading: the line that is its title), found here by a plain search of the file's lines.
The files are byte-identical copies of ``shared/data/dev-texts`` (``SHA256SUMS``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from zhdiscourse import load_speech
from zhdiscourse.text.corpus import load_jsonl, open_corpus

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "dev-texts"
ROOT = HERE.parents[1]
GWR = ROOT / "data" / "reference" / "government_work_reports.jsonl"
CPC = "cpc_congress_reports_1-18.jsonl"

OUTLINES = {
    'law_data_security_2021.txt': [
        ('第一章', '总  则', ('第一条', '第十二条'), []),
        ('第二章', '数据安全与发展', ('第十三条', '第二十条'), []),
        ('第三章', '数据安全制度', ('第二十一条', '第二十六条'), []),
        ('第四章', '数据安全保护义务', ('第二十七条', '第三十六条'), []),
        ('第五章', '政务数据安全与开放', ('第三十七条', '第四十三条'), []),
        ('第六章', '法律责任', ('第四十四条', '第五十二条'), []),
        ('第七章', '附  则', ('第五十三条', '第五十五条'), []),
    ],
    'law_infectious_disease_2013.txt': [
        ('第一章', '总则', ('第一条', '第十二条'), []),
        ('第二章', '传染病预防', ('第十三条', '第二十九条'), []),
        ('第三章', '疫情报告、通报和公布', ('第三十条', '第三十八条'), []),
        ('第四章', '疫情控制', ('第三十九条', '第四十九条'), []),
        ('第五章', '医疗救治', ('第五十条', '第五十二条'), []),
        ('第六章', '监督管理', ('第五十三条', '第五十八条'), []),
        ('第七章', '保障措施', ('第五十九条', '第六十四条'), []),
        ('第八章', '法律责任', ('第六十五条', '第七十七条'), []),
        ('第九章', '附则', ('第七十八条', '第八十条'), []),
    ],
    'regulation_shandong_emergency_supplies_2020.txt': [
        ('第一章', '总则', ('第一条', '第九条'), []),
        ('', '规划编制与实施', None, [
            ('第一节', '一般规定', ('第十条', '第十六条')),
            ('第二节', '特别规定', ('第十七条', '第二十七条')),
        ]),
        ('第三章', '组织与人员保障', ('第二十八条', '第三十八条'), []),
        ('第四章', '物资与资金保障', None, [
            ('第一节', '一般规定', ('第三十九条', '第四十九条')),
            ('第二节', '特别规定', ('第五十条', '第五十六条')),
        ]),
        ('第五章', '科技与信息保障', None, [
            ('第一节', '一般规定', ('第五十七条', '第六十四条')),
            ('第二节', '特别规定', ('第六十五条', '第六十八条')),
        ]),
        ('第六章', '运输与通信保障', ('第六十九条', '第七十八条'), []),
        ('第七章', '社会秩序保障', ('第七十九条', '第八十八条'), []),
        ('第八章', '法律责任', ('第八十九条', '第九十二条'), []),
        ('第九章', '附则', ('第九十三条', '第九十三条'), []),
    ],
    'state_council_labour_insurance_1953.txt': [
        ('第一章', '总则', ('第一条', '第六条'), []),
        ('第二章', '劳动保险金的征集与保管', ('第七条', '第十一条'), []),
        ('第三章', '各项劳动保险待遇的规定', ('第十二条', '第十八条'), []),
        ('第四章', '享受优异劳动保险待遇的规定', ('第十九条', '第二十条'), []),
        ('第五章', '劳动保险金的支配', ('第二十一条', '第二十四条'), []),
        ('第六章', '劳动保险事业的执行与监督', ('第二十五条', '第三十一条'), []),
        ('第七章', '附则', ('第三十二条', '第三十二条'), []),
    ],
    'state_council_seals_1999.txt': [
        ('一、', '国家行政机关和企业事业单位、社会团体的印章为圆形，中央刊国徽或五角星', None, []),
        ('二、', '国务院的印章，直径6厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图一)，由国务院自制', None, []),
        ('三、', '各省、自治区、直辖市人民政府和国务院办公厅、国务院各部委的印章，直径5厘米，中央刊国徽、国徽外刊机关名称，自左而右环行(图二)，由国务院制发', None, []),
        ('四、', '国务院直属机构、办事机构的印章，正部级单位的直径5厘米，副部级单位的直径4.5厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图三)，由国务院制发', None, []),
        ('五、', '国务院直属事业单位的印章，正部级单位的直径5厘米，副部级单位的直径4.5厘米，经国家机构编制管理部门认定具有行政职能的单位的印章中央刊国徽，没有行政职能的单位的印章中央刊五角星，国徽或五角星外刊单位名称，自左而右环行(图四)，由国务院制发', None, []),
        ('六、', '国务院议事协调机构和临时机构的印章，直径5厘米，中央刊五角星，五角星外刊机关名称，自左而右环行(图五)，由国务院制发', None, []),
        ('七、', '国务院部委管理的国家局的印章，直径4.5厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图六)，由国务院制发', None, []),
        ('八、', '国务院部委的外事司(局)的印章，直径4.2厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图七)，由国务院制发', None, []),
        ('九、', '自治州、市、县级(县、自治县、县级市、旗、自治旗、特区、林区，下同)和市辖区人民政府的印章，直径4.5厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图九)，由省、自治区、直辖市人民政府制发', None, []),
        ('十、', '地区(盟)行政公署的印章，直径4.5厘米，中央刊五角星，五角星外刊机关名称，自左而右环行(图十)，由省、自治区人民政府制发', None, []),
        ('十一、', '乡(镇)人民政府的印章，直径4.2厘米，中央刊五角星，五角星外刊机关名称，自左而右环行(图十一)，由县级人民政府制发', None, []),
        ('十二、', '驻外国的大使馆、领事馆的印章，直径4.2厘米，中央刊国徽，国徽外刊机关名称，自左而右环行(图十二)，由外交部制发', None, []),
        ('十三、', '国家行政机关内设机构或直属单位的印章，直径不得大于4.5厘米，中央刊五角星，五角星外刊单位名称，自左而右环行或者名称前段自左而右环行、后段自左而右横排(图十三)，分别由国务院各部门和地方各级国家行政机关制发', None, []),
        ('十四、', '企业事业单位、社会团体的印章，直径不得大于4.5厘米，中央刊五角星，五角星外刊单位名称，自左而右环行(图十四)', None, []),
        ('十五、', '国家行政机关和企业事业单位、社会团体印章所刊名称，应为法定名称', None, []),
        ('十六、', '实行民族区域自治的地方人民政府的印章，可以并刊汉字和相应的民族文字', None, []),
        ('十七、', '印章所刊汉字，应当使用国务院公布的简化字，字体为宋体', None, []),
        ('十八、', '印章的质料，由制发机关根据实际需要确定', None, []),
        ('十九、', '各省、自治区、直辖市人民政府和国务院各部委、各直属机构印制文件时使用的套印印章、印模，其规格、式样与正式印章等同，由国务院制发', None, []),
        ('二十、', '国务院有关部委外事用的火漆印，直径4.2厘米，中央刊国徽，国徽外刊机关名称，自左而右环行，由国务院制发', None, []),
        ('二十一、', '国务院的钢印，直径4.2厘米，中央刊国徽，国徽外刊机关名称，自左而右环行，由国务院自制', None, []),
        ('二十二、', '国家行政机关和企业事业单位、社会团体的其他专用印章(包括经济合同章、财务专用章等)，在名称、式样上应与单位正式印章有所区别，经本单位领导批准后可以刻制', None, []),
        ('二十三、', '印章制发机关应规范和加强印章制发的管理，严格办理程序和审批手续', None, []),
        ('二十四、', '国家行政机关和企业事业单位、社会团体的印章，如因单位撤销、名称改变或换用新印章而停止使用时，应及时送交印章制发机关封存或销毁，或者按公安部会同有关部门另行制定的规定处理', None, []),
        ('二十五、', '国家行政机关和企业事业单位、社会团体必须建立健全印章管理制度，加强用印管理，严格审批手续', None, []),
        ('二十六、', '对伪造印章或使用伪造印章者，要依照国家有关法规查处', None, []),
        ('二十七、', '过去有关印章管理的规定，如有与本规定不一致的，以本规定为准', None, []),
    ],
    'state_council_tree_planting_1982.txt': [
        ('一、', '县以上各级人民政府均应成立绿化委员会，统一领导本地区的义务植树运动和整个造林绿化工作', None, []),
        ('二、', '各级绿化委员会应当组织和推动本地区各部门、各单位，通过各种形式，广泛深入地宣传《关于开展全民义务植树运动的决议》和本实施办法，宣传全民植树、绿化祖国的重大意义，认真做好思想动员，提高认识，造成声势，做到家喻户晓，人人皆知', None, []),
        ('三、', '凡是中华人民共和国公民，男十一岁至六十岁，女十一岁至五十五岁，除丧失劳动能力者外，均应承担义务植树任务，各单位要将人数据实统计上报当地绿化委员会，作为分配具体任务的依据', None, []),
        ('四、', '此项义务劳动，限于用在本县、本市所辖范围，营造国有林和集体林', None, []),
        ('五、', '使用义务劳动，在国有土地上栽植的树木，林权归现在经营管理这些土地的单位所有；没有明确经营管理单位的，由当地政府指定的部门、单位所有', None, []),
        ('六、', '为确保义务植树所需苗木，各地应当努力办好现有的国营苗圃和集体苗圃，并安排必需数量的土地和专业人员，扩建和新建苗木基地，培育良种壮苗', None, []),
        ('七、', '对义务栽植的树木和现有的林木，必须大力加强培育管护，确保成活成林，不受破坏', None, []),
        ('八、', '植树绿化，要讲究科学，注重实效', None, []),
        ('九、', '对义务植树，各单位每年都要进行检查，并将完成情况据实上报', None, []),
        ('十、', '各级林业和园林部门，应当在绿化委员会领导下，会同有关部门，努力搞好规划设计和苗木培育等各项具体工作', None, []),
        ('十一、', '义务植树所需的苗木费、管护费，应当根据自力更生勤俭节约的原则，一般由林权所有单位负责解决', None, []),
        ('十二、', '开展全民义务植树运动是促进整个造林绿化的一个重大措施', None, []),
        ('十三、', '根据《关于开展全民义务植树运动的决议》和本实施办法的规定，各省、自治区、直辖市人民政府可以结合实际情况，制定实施细则', None, []),
    ],
    'resolution-001': [
        ('一、', '大家知道，北京是中国北方的政治中心，近五百年来，又是中国的首都', None, []),
        ('二、', '北京的经济状况很简单', None, []),
        ('三、', '欺压人是北京常见的事，外国人侮辱中国人，军官粗暴地对待老百姓，乘客用鞭子或手杖催赶人力车夫等等', None, []),
        ('', '在工人中的宣传工作', None, []),
        ('', '在知识分子中的宣传工作', None, []),
    ],
    'resolution-002': [
        ('一、', '去年', None, []),
        ('二、', '现状', None, []),
        ('三、', '今后意见', None, [
            ('1．', '吸收新党员', None),
            ('2．', '成立工会', None),
            ('3．', '成立工人学校', ['①', '②']),
            ('4．', '对农民的宣传工作', None),
            ('5．', '与士兵的联系', None),
        ]),
    ],
    'resolution-003': [
    ],
    'resolution-004': [
        ('一、', '关于无产阶级文化大革命的准备', None, []),
        ('二、', '关于无产阶级文化大革命的过程', None, []),
        ('三、', '关于认真搞好斗、批、改', None, []),
        ('四、', '关于无产阶级文化大革命的政策', None, []),
        ('五、', '关于我国革命的最后胜利', None, []),
        ('六、', '关于党的整顿和建设', None, []),
        ('七、', '关于我国和外国的关系', None, []),
        ('八、', '全党、全国人民团结起来，争取更大的胜利', None, []),
    ],
    'resolution-005': [
        ('', '关于九大路线', None, []),
        ('', '关于粉碎林彪反党集团的胜利', None, []),
        ('', '关于形势和任务', None, []),
    ],
    'resolution-006': [
        ('', '我们党的第十一次路线斗争', None, []),
        ('', '形势和任务', None, [
            ('首先', '一定要把揭批“四人帮”的伟大斗争进行到底', None),
            ('第二', '一定要搞好整党整风，加强党的建设', None),
            ('第三', '一定要把党的各级领导班子整顿好、建设好', None),
            ('第四', '一定要抓革命促生产，把国民经济搞上去', None),
            ('第五', '一定要搞好文化教育领域的革命，大力发展社会主义的文化教育事业', None),
            ('第六', '一定要强化人民的国家机器', None),
            ('第七', '一定要发扬民主，健全民主集中制', None),
            ('第八', '一定要贯彻执行统筹兼顾、全面安排的方针', None),
        ]),
    ],
    'resolution-007': [
        ('一、', '历史性的转变和新的伟大任务', None, []),
        ('二、', '促进社会主义经济的全面高涨', None, []),
        ('三、', '努力建设高度的社会主义精神文明', None, []),
        ('四、', '努力建设高度的社会主义民主', None, []),
        ('五、', '坚持独立自主的对外政策', None, []),
        ('六、', '把党建设成为领导社会主义现代化事业的坚强核心', None, [
            ('第一', '健全党的民主集中制，使党内政治生活进一步正常化', None),
            ('第二', '改革领导机构和干部制度，实现干部队伍的革命化、年轻化、知识化、专业化', None),
            ('第三', '加强党在工人、农民、知识分子中的工作，密切党同群众的联系', None),
            ('第四', '有计划有步骤地进行整党，使党风根本好转', None),
        ]),
    ],
    'resolution-008': [
        ('一、', '历史性成就和这次大会的任务', None, []),
        ('二、', '社会主义初级阶段和党的基本路线', None, [
            ('第一', '必须集中力量进行现代化建设', None),
            ('第二', '必须坚持全面改革', None),
            ('第三', '必须坚持对外开放', None),
            ('第四', '必须以公有制为主体，大力发展有计划的商品经济', None),
            ('第五', '必须以安定团结为前提，努力建设民主政治', None),
            ('第六', '必须以马克思主义为指导，努力建设精神文明', None),
        ]),
        ('三、', '关于经济发展战略', None, [
            ('（一）', '把发展科学技术和教育事业放在首要位置，使经济建设转到依靠科技进步和提高劳动者素质的轨道上来', None),
            ('（二）', '保持社会总需求和总供给基本平衡，合理调整和改造产业结构', None),
            ('（三）', '进一步扩大对外开放的广度和深度，不断发展对外经济技术交流与合作', None),
        ]),
        ('四、', '关于经济体制改革', None, [
            ('（一）', '按照所有权经营权分离的原则，搞活全民所有制企业', None),
            ('（二）', '促进横向经济联合的进一步发展', None),
            ('（三）', '加快建立和培育社会主义市场体系', None),
            ('（四）', '逐步健全以间接管理为主的宏观经济调节体系', None),
            ('（五）', '在公有制为主体的前提下继续发展多种所有制经济', None),
            ('（六）', '实行以按劳分配为主体的多种分配方式和正确的分配政策', None),
        ]),
        ('五、', '关于政治体制改革', None, [
            ('（一）', '实行党政分开', None),
            ('（二）', '进一步下放权力', None),
            ('（三）', '改革政府工作机构', None),
            ('（四）', '改革干部人事制度', None),
            ('（五）', '建立社会协商对话制度', None),
            ('（六）', '完善社会主义民主政治的若干制度', None),
            ('（七）', '加强社会主义法制建设', None),
        ]),
        ('六、', '在改革开放中加强党的建设', None, []),
        ('七、', '争取马克思主义在中国的新胜利', None, []),
    ],
    'resolution-009': [
        ('一、', '十四年伟大实践的基本总结', None, []),
        ('二、', '九十年代改革和建设的主要任务', None, [
            ('第一', '围绕社会主义市场经济体制的建立，加快经济改革步伐', ['一是', '二是', '三是', '四是']),
            ('第二', '进一步扩大对外开放，更多更好地利用国外资金、资源、技术和管理经验', None),
            ('第三', '调整和优化产业结构，高度重视农业，加快发展基础工业、基础设施和第三产业', None),
            ('第四', '加速科技进步，大力发展教育，充分发挥知识分子的作用', None),
            ('第五', '充分发挥各地优势，加快地区经济发展，促进全国经济布局合理化', None),
            ('第六', '积极推进政治体制改革，使社会主义民主和法制建设有一个较大的发展', None),
            ('第七', '下决心进行行政管理体制和机构改革，切实做到转变职能、理顺关系、精兵简政、提高效率', None),
            ('第八', '坚持两手抓，两手都要硬，把社会主义精神文明建设提高到新水平', None),
            ('第九', '不断改善人民生活，严格控制人口增长，加强环境保护', None),
            ('第十', '加强军队建设，增强国防实力，保障改革开放和经济建设顺利进行', None),
        ]),
        ('三、', '国际形势和我们的对外政策', None, []),
        ('四、', '加强党的建设和改善党的领导', None, [
            ('第一', '认真学习建设有中国特色社会主义的理论，增强贯彻执行党的基本路线的自觉性和坚定性', None),
            ('第二', '加强领导班子建设，培养社会主义事业接班人', None),
            ('第三', '密切党同群众的联系，坚决克服消极腐败现象', None),
            ('第四', '加强基层党组织建设，充分发挥党员的先锋模范作用', None),
            ('第五', '坚持和健全民主集中制，维护党的团结和统一', None),
        ]),
    ],
    'resolution-010': [
        ('一、', '世纪之交的回顾和展望', None, []),
        ('二、', '过去五年的工作', None, []),
        ('三、', '邓小平理论的历史地位和指导意义', None, [
            ('第一', '邓小平理论坚持解放思想、实事求是，在新的实践基础上继承前人又突破陈规，开拓了马克思主义的新境界', None),
            ('第二', '邓小平理论坚持科学社会主义理论和实践的基本成果，抓住“什么是社会主义、怎样建设社会主义”这个根本问题，深刻地揭示社会主义的本质，把对社会主义的认识提高到新的科学水平', None),
            ('第三', '邓小平理论坚持用马克思主义的宽广眼界观察世界，对当今时代特征和总体国际形势，对世界上其他社会主义国家的成败，发展中国家谋求发展的得失，发达国家发展的态势和矛盾，进行正确分析，作出了新的科学判断', None),
            ('第四', '总起来说，邓小平理论形成了新的建设有中国特色社会主义理论的科学体系', None),
        ]),
        ('四、', '社会主义初级阶段的基本路线和纲领', None, []),
        ('五、', '经济体制改革和经济发展战略', None, [
            ('（一）', '调整和完善所有制结构', None),
            ('（二）', '加快推进国有企业改革', None),
            ('（三）', '完善分配结构和分配方式', None),
            ('（四）', '充分发挥市场机制作用，健全宏观调控体系', None),
            ('（五）', '加强农业基础地位，调整和优化经济结构', None),
            ('（六）', '实施科教兴国战略和可持续发展战略', None),
            ('（七）', '努力提高对外开放水平', None),
            ('（八）', '不断改善人民生活', None),
        ]),
        ('六、', '政治体制改革和民主法制建设', None, [
            ('（一）', '健全民主制度', None),
            ('（二）', '加强法制建设', None),
            ('（三）', '推进机构改革', None),
            ('（四）', '完善民主监督制度', None),
            ('（五）', '维护安定团结', None),
        ]),
        ('七、', '有中国特色社会主义的文化建设', None, []),
        ('八、', '推进祖国和平统一', None, []),
        ('九、', '国际形势和对外政策', None, []),
        ('十、', '面向新世纪的中国共产党', None, []),
    ],
    'resolution-011': [
        ('一、', '过去五年的工作和十三年的基本经验', None, [
            ('（一）', '坚持以邓小平理论为指导，不断推进理论创新', None),
            ('（二）', '坚持以经济建设为中心，用发展的办法解决前进中的问题', None),
            ('（三）', '坚持改革开放，不断完善社会主义市场经济体制', None),
            ('（四）', '坚持四项基本原则，发展社会主义民主政治', None),
            ('（五）', '坚持物质文明和精神文明两手抓，实行依法治国和以德治国相结合', None),
            ('（六）', '坚持稳定压倒一切的方针，正确处理改革发展稳定的关系', None),
            ('（七）', '坚持党对军队的绝对领导，走中国特色的精兵之路', None),
            ('（八）', '坚持团结一切可以团结的力量，不断增强中华民族的凝聚力', None),
            ('（九）', '坚持独立自主的和平外交政策，维护世界和平与促进共同发展', None),
            ('（十）', '坚持加强和改善党的领导，全面推进党的建设新的伟大工程', None),
        ]),
        ('二、', '全面贯彻“三个代表”重要思想', None, [
            ('（一）', '贯彻“三个代表”重要思想，必须使全党始终保持与时俱进的精神状态，不断开拓马克思主义理论发展的新境界', None),
            ('（二）', '贯彻“三个代表”重要思想，必须把发展作为党执政兴国的第一要务，不断开创现代化建设的新局面', None),
            ('（三）', '贯彻“三个代表”重要思想，必须最广泛最充分地调动一切积极因素，不断为中华民族的伟大复兴增添新力量', None),
            ('（四）', '贯彻“三个代表”重要思想，必须以改革的精神推进党的建设，不断为党的肌体注入新活力', None),
        ]),
        ('三、', '全面建设小康社会的奋斗目标', None, []),
        ('四、', '经济建设和经济体制改革', None, [
            ('（一）', '走新型工业化道路，大力实施科教兴国战略和可持续发展战略', None),
            ('（二）', '全面繁荣农村经济，加快城镇化进程', None),
            ('（三）', '积极推进西部大开发，促进区域经济协调发展', None),
            ('（四）', '坚持和完善基本经济制度，深化国有资产管理体制改革', None),
            ('（五）', '健全现代市场体系，加强和完善宏观调控', None),
            ('（六）', '深化分配制度改革，健全社会保障体系', None),
            ('（七）', '坚持“引进来”和“走出去”相结合，全面提高对外开放水平', None),
            ('（八）', '千方百计扩大就业，不断改善人民生活', None),
        ]),
        ('五、', '政治建设和政治体制改革', None, [
            ('（一）', '坚持和完善社会主义民主制度', None),
            ('（二）', '加强社会主义法制建设', None),
            ('（三）', '改革和完善党的领导方式和执政方式', None),
            ('（四）', '改革和完善决策机制', None),
            ('（五）', '深化行政管理体制改革', None),
            ('（六）', '推进司法体制改革', None),
            ('（七）', '深化干部人事制度改革', None),
            ('（八）', '加强对权力的制约和监督', None),
            ('（九）', '维护社会稳定', None),
        ]),
        ('六、', '文化建设和文化体制改革', None, [
            ('（一）', '牢牢把握先进文化的前进方向', None),
            ('（二）', '坚持弘扬和培育民族精神', None),
            ('（三）', '切实加强思想道德建设', None),
            ('（四）', '大力发展教育和科学事业', None),
            ('（五）', '积极发展文化事业和文化产业', None),
            ('（六）', '继续深化文化体制改革', None),
        ]),
        ('七、', '国防和军队建设', None, []),
        ('八、', '“一国两制”和实现祖国的完全统一', None, []),
        ('九、', '国际形势和对外工作', None, []),
        ('十、', '加强和改进党的建设', None, [
            ('（一）', '深入学习贯彻“三个代表”重要思想，提高全党的马克思主义理论水平', None),
            ('（二）', '加强党的执政能力建设，提高党的领导水平和执政水平', None),
            ('（三）', '坚持和健全民主集中制，增强党的活力和团结统一', None),
            ('（四）', '建设高素质的领导干部队伍，形成朝气蓬勃、奋发有为的领导层', None),
            ('（五）', '切实做好基层党建工作，增强党的阶级基础和扩大党的群众基础', None),
            ('（六）', '加强和改进党的作风建设，深入开展反腐败斗争', None),
        ]),
    ],
    'resolution-012': [
        ('一、', '过去五年的工作', None, []),
        ('二、', '改革开放的伟大历史进程', None, []),
        ('三、', '深入贯彻落实科学发展观', None, []),
        ('四、', '实现全面建设小康社会奋斗目标的新要求', None, []),
        ('五、', '促进国民经济又好又快发展', None, [
            ('（一）', '提高自主创新能力，建设创新型国家', None),
            ('（二）', '加快转变经济发展方式，推动产业结构优化升级', None),
            ('（三）', '统筹城乡发展，推进社会主义新农村建设', None),
            ('（四）', '加强能源资源节约和生态环境保护，增强可持续发展能力', None),
            ('（五）', '推动区域协调发展，优化国土开发格局', None),
            ('（六）', '完善基本经济制度，健全现代市场体系', None),
            ('（七）', '深化财税、金融等体制改革，完善宏观调控体系', None),
            ('（八）', '拓展对外开放广度和深度，提高开放型经济水平', None),
        ]),
        ('六、', '坚定不移发展社会主义民主政治', None, [
            ('（一）', '扩大人民民主，保证人民当家作主', None),
            ('（二）', '发展基层民主，保障人民享有更多更切实的民主权利', None),
            ('（三）', '全面落实依法治国基本方略，加快建设社会主义法治国家', None),
            ('（四）', '壮大爱国统一战线，团结一切可以团结的力量', None),
            ('（五）', '加快行政管理体制改革，建设服务型政府', None),
            ('（六）', '完善制约和监督机制，保证人民赋予的权力始终用来为人民谋利益', None),
        ]),
        ('七、', '推动社会主义文化大发展大繁荣', None, [
            ('（一）', '建设社会主义核心价值体系，增强社会主义意识形态的吸引力和凝聚力', None),
            ('（二）', '建设和谐文化，培育文明风尚', None),
            ('（三）', '弘扬中华文化，建设中华民族共有精神家园', None),
            ('（四）', '推进文化创新，增强文化发展活力', None),
        ]),
        ('八、', '加快推进以改善民生为重点的社会建设', None, [
            ('（一）', '优先发展教育，建设人力资源强国', None),
            ('（二）', '实施扩大就业的发展战略，促进以创业带动就业', None),
            ('（三）', '深化收入分配制度改革，增加城乡居民收入', None),
            ('（四）', '加快建立覆盖城乡居民的社会保障体系，保障人民基本生活', None),
            ('（五）', '建立基本医疗卫生制度，提高全民健康水平', None),
            ('（六）', '完善社会管理，维护社会安定团结', None),
        ]),
        ('九、', '开创国防和军队现代化建设新局面', None, []),
        ('十、', '推进“一国两制”实践和祖国和平统一大业', None, []),
        ('十一、', '始终不渝走和平发展道路', None, []),
        ('十二、', '以改革创新精神全面推进党的建设新的伟大工程', None, [
            ('（一）', '深入学习贯彻中国特色社会主义理论体系，着力用马克思主义中国化最新成果武装全党', None),
            ('（二）', '继续加强党的执政能力建设，着力建设高素质领导班子', None),
            ('（三）', '积极推进党内民主建设，着力增强党的团结统一', None),
            ('（四）', '不断深化干部人事制度改革，着力造就高素质干部队伍和人才队伍', None),
            ('（五）', '全面巩固和发展先进性教育活动成果，着力加强基层党的建设', None),
            ('（六）', '切实改进党的作风，着力加强反腐倡廉建设', None),
        ]),
    ],
    'resolution-013': [
        ('一、', '过去五年的工作和十年的基本总结', None, []),
        ('二、', '夺取中国特色社会主义新胜利', None, []),
        ('三、', '全面建成小康社会和全面深化改革开放的目标', None, []),
        ('四、', '加快完善社会主义市场经济体制和加快转变经济发展方式', None, [
            ('（一）', '全面深化经济体制改革', None),
            ('（二）', '实施创新驱动发展战略', None),
            ('（三）', '推进经济结构战略性调整', None),
            ('（四）', '推动城乡发展一体化', None),
            ('（五）', '全面提高开放型经济水平', None),
        ]),
        ('五、', '坚持走中国特色社会主义政治发展道路和推进政治体制改革', None, [
            ('（一）', '支持和保证人民通过人民代表大会行使国家权力', None),
            ('（二）', '健全社会主义协商民主制度', None),
            ('（三）', '完善基层民主制度', None),
            ('（四）', '全面推进依法治国', None),
            ('（五）', '深化行政体制改革', None),
            ('（六）', '健全权力运行制约和监督体系', None),
            ('（七）', '巩固和发展最广泛的爱国统一战线', None),
        ]),
        ('六、', '扎实推进社会主义文化强国建设', None, [
            ('（一）', '加强社会主义核心价值体系建设', None),
            ('（二）', '全面提高公民道德素质', None),
            ('（三）', '丰富人民精神文化生活', None),
            ('（四）', '增强文化整体实力和竞争力', None),
        ]),
        ('七、', '在改善民生和创新管理中加强社会建设', None, [
            ('（一）', '努力办好人民满意的教育', None),
            ('（二）', '推动实现更高质量的就业', None),
            ('（三）', '千方百计增加居民收入', None),
            ('（四）', '统筹推进城乡社会保障体系建设', None),
            ('（五）', '提高人民健康水平', None),
            ('（六）', '加强和创新社会管理', None),
        ]),
        ('八、', '大力推进生态文明建设', None, [
            ('（一）', '优化国土空间开发格局', None),
            ('（二）', '全面促进资源节约', None),
            ('（三）', '加大自然生态系统和环境保护力度', None),
            ('（四）', '加强生态文明制度建设', None),
        ]),
        ('九、', '加快推进国防和军队现代化', None, []),
        ('十、', '丰富“一国两制”实践和推进祖国统一', None, []),
        ('十一、', '继续促进人类和平与发展的崇高事业', None, []),
        ('十二、', '全面提高党的建设科学化水平', None, [
            ('（一）', '坚定理想信念，坚守共产党人精神追求', None),
            ('（二）', '坚持以人为本、执政为民，始终保持党同人民群众的血肉联系', None),
            ('（三）', '积极发展党内民主，增强党的创造活力', None),
            ('（四）', '深化干部人事制度改革，建设高素质执政骨干队伍', None),
            ('（五）', '坚持党管人才原则，把各方面优秀人才集聚到党和国家事业中来', None),
            ('（六）', '创新基层党建工作，夯实党执政的组织基础', None),
            ('（七）', '坚定不移反对腐败，永葆共产党人清正廉洁的政治本色', None),
            ('（八）', '严明党的纪律，自觉维护党的集中统一', None),
        ]),
    ],
}


#: development-text parts that span more than half of their document because the document says so: its
#: own headings divide them (every Government Work Report whose task part is most of it is the same case)
HALF_EXCEPTIONS = {
    # 三、今后意见 is the last of three parts and holds the five points of the programme (1．–5．)
    ("resolution-002", "三"): "the programme part",
    # a report of two unmarked parts; the second, 形势和任务, is divided into its eight tasks (首先, 第二 … 第八)
    ("resolution-006", "二"): "two parts",
}


def test_copies_are_byte_identical():
    for line in (DEV / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((DEV / name.strip()).read_bytes()).hexdigest() == digest, name


@pytest.fixture(scope="module")
def congress():
    return load_jsonl(DEV / CPC)


def _speech(name, congress):
    if name.endswith(".txt"):
        sp = load_speech(DEV / name)
        return sp, sp.original
    doc = congress[name]
    return doc.speech(), doc.original


_SEP = " \t\u3000，,、：:"


def _line_of(raw: str, marker: str, title: str, after: int) -> int:
    """Offset of the marker on the first line at or after ``after`` that begins with ``marker`` and goes on
    with ``title`` (separators and spaces between them skipped); an unmarked heading: the line that is
    ``title``. Raises if there is none."""
    pos = raw.rfind("\n", 0, after) + 1
    for m in re.finditer(r"[^\n]*", raw[pos:]):
        line = m.group(0)
        a = pos + m.start() + (len(line) - len(line.lstrip(" \t\u3000")))
        s = line.strip(" \t\u3000")
        if a < after or not s:
            continue
        if marker and s.startswith(marker) and s[len(marker):].lstrip(_SEP).startswith(title):
            return a
        if not marker and s == title:
            return a
    raise AssertionError(f"no line {marker}{title} after {after}")


def _check_articles(sp, raw, pts, expected):
    if expected is None:
        assert pts == []
        return
    first, last = expected
    assert pts and (pts[0].marker, pts[-1].marker) == (first, last)
    for p in pts:
        assert p.style == "第一条" and p.start == _line_of(raw, p.marker, "", p.start)
        assert raw[p.start:p.start + len(p.marker)] == p.marker
        assert sp.text[p.title_start:p.title_end] == p.title


def _check_points(sp, raw, pts, expected):
    if isinstance(expected, tuple) or expected is None:
        _check_articles(sp, raw, pts, expected)
        return
    assert [p.marker for p in pts] == expected
    for p in pts:
        assert p.start == _line_of(raw, p.marker, p.title, p.start)
        assert sp.text[p.title_start:p.title_end] == p.title


@pytest.mark.parametrize("name", list(OUTLINES))
def test_outline(name, congress):
    sp, raw = _speech(name, congress)
    expected = OUTLINES[name]
    assert [(s.marker, s.title) for s in sp.sections] == [(m, t) for m, t, _a, _s in expected]
    pos = sp.body_start
    for sec, (marker, title, articles, subs) in zip(sp.sections, expected):
        assert sec.start == _line_of(raw, marker, title, pos), (marker, title)
        assert sp.text[sec.title_start:sec.title_end] == title
        pos = sec.start + 1
        _check_articles(sp, raw, sec.points, articles)
        assert [(u.marker, u.title) for u in sec.subsections] == [(m, t) for m, t, _p in subs]
        for sub, (m, t, points) in zip(sec.subsections, subs):
            assert sub.start == _line_of(raw, m, t, sub.start) and sec.start < sub.start < sec.end
            assert sp.text[sub.title_start:sub.title_end] == t
            _check_points(sp, raw, sub.points, points)
    # every article of the law is in the outline, once, in order
    arts = [p.marker for p in sp.points if p.style == "第一条"]
    assert arts == sorted(set(arts), key=arts.index)


def test_law_article_counts():
    counts = {"law_data_security_2021.txt": 55, "law_infectious_disease_2013.txt": 80,
              "regulation_shandong_emergency_supplies_2020.txt": 93, "state_council_labour_insurance_1953.txt": 32}
    for name, n in counts.items():
        sp = load_speech(DEV / name)
        raw = sp.original
        assert len(re.findall(r"(?m)^第[一二三四五六七八九十百]+条", raw)) == n  # the file's own count
        assert len(sp.points) == n and all(p.style == "第一条" for p in sp.points)
        assert not sp.subsections or all(u.style == "第一节" for u in sp.subsections)


def test_a_missing_chapter_number_is_filled_by_its_unmarked_heading():
    sp = load_speech(DEV / "regulation_shandong_emergency_supplies_2020.txt")
    two = sp.sections[1]
    assert (two.number, two.marker, two.title) == ("二", "", "规划编制与实施")
    assert [s.number for s in sp.sections] == list("一二三四五六七八九")


def test_items_inside_articles_are_no_headings():
    sp = load_speech(DEV / "law_infectious_disease_2013.txt")
    assert all(s.style == "第一章" for s in sp.sections)
    # the （一）… items of article 18 lie inside the article, not in the outline
    art = next(p for p in sp.points if p.marker == "第十八条")
    assert "（一）实施传染病预防控制规划" in sp.text[art.start:art.end]


def test_spaced_titles_keep_their_text():
    sp = load_speech(DEV / "law_data_security_2021.txt")
    assert [s.title for s in sp.sections][0::6] == ["总  则", "附  则"]
    assert sp.text[sp.sections[0].start:sp.sections[0].title_end] == "第一章 总  则"


METADATA = {
    "law_data_security_2021.txt": dict(title="中华人民共和国数据安全法", date="2021-06-10", adopted="2021-06-10",
                                       adoption="2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议通过",
                                       revisions=[]),
    "law_infectious_disease_2013.txt": dict(
        title="中华人民共和国传染病防治法", date="2013-06-29", adopted="1989-02-21",
        adoption="1989年2月21日 第七届全国人民代表大会常务委员会第六次会议通过",
        revisions=["2004年8月28日 第十届全国人民代表大会常务委员会第十一次会议修订",
                   "2013年6月29日 第十二届全国人民代表大会常务委员会第三次会议《关于修改<中华人民共和国文物保护法>"
                   "等十二部法律的决定》修正"]),
    "regulation_shandong_emergency_supplies_2020.txt": dict(
        title="山东省突发事件应急保障条例", date="2020-11-27", adopted="2020-11-27",
        adoption="2020年11月27日 山东省第十三届人民代表大会常务委员会第二十四次会议通过", revisions=[]),
    "state_council_labour_insurance_1953.txt": dict(title="中华人民共和国劳动保险条例", date="1953-01-02",
                                                    adopted="1951-02-26", adoption="1951年2月26日 政务院公布",
                                                    revisions=["1953年1月2日 政务院修正公布"]),
    "state_council_seals_1999.txt": dict(title="国务院关于国家行政机关和企业事业单位社会团体印章管理的规定",
                                         date=None, attachment="附件：印章规格式样(略)"),
    "state_council_tree_planting_1982.txt": dict(title="国务院关于开展全民义务植树运动的实施办法", date="1982-02-27"),
}


@pytest.mark.parametrize("name", list(METADATA))
def test_title_blocks(name):
    sp = load_speech(DEV / name)
    md = sp.metadata
    for key, value in METADATA[name].items():
        assert getattr(md, key) == value, key
    assert md.speaker is None
    for line in md.lines:
        assert sp.text[line.start:line.end] == line.text
    for key, (a, b) in md.spans.items():
        if key != "date":
            assert sp.text[a:b] == getattr(md, key)
    # the body starts with the first heading or paragraph after the block
    first = sp.text[sp.body_start:sp.body_start + 3]
    assert first in ("第一章", "199", "为了切"), first


def test_congress_reports_notes_and_traditional_characters(congress):
    chen = congress["resolution-003"]
    assert chen.script == "traditional" and "陈独秀" in chen.text and "陳獨秀" in chen.original
    sp = chen.speech()
    assert sp.sections == [] and sp.metadata.notes.startswith("↑")  # Wikisource footnotes end the body
    assert sp.body.endswith("最近他们正在纠正错误。")
    twelve = congress["resolution-007"].speech()
    assert twelve.metadata.notes.startswith("注：") and "①" in twelve.metadata.notes
    assert not twelve.points  # the notes ①–⑧ are no items of the last sub-point


def test_licence_notices_of_the_congress_reports_are_cut(congress):
    for d in congress:
        assert "Public domain" not in d.original and "公有领域" not in d.text[-300:], d.id


def _over_half(sp):
    """Heading units that span more than half of the body: ``(label, share, divided)`` where ``divided``
    says that the document's own sub-point headings divide the unit (two or more, each under half)."""
    body = max(1, sp.body_end - sp.body_start)
    for s in sp.sections:
        share = (s.end - s.start) / body
        if share > 0.5:
            divided = len(s.subsections) >= 2 and all((u.end - u.start) / body <= 0.5 for u in s.subsections)
            yield s.number, share, divided
    for u in sp.subsections:
        if (u.end - u.start) / body > 0.5:
            yield u.label, (u.end - u.start) / body, False


def test_no_heading_unit_spans_more_than_half_its_document(congress, speech):
    dev = {(name, label): divided for name in OUTLINES for label, _s, divided in _over_half(_speech(name, congress)[0])}
    assert set(dev) == set(HALF_EXCEPTIONS) and all(dev.values()), dev
    others = [(d.id, d.speech()) for d in open_corpus(GWR).reports()] + [("speech", speech)]
    bad = {(name, label): round(share, 2) for name, sp in others for label, share, divided in _over_half(sp)
           if not divided}
    assert not bad, bad


def test_the_half_check_can_fail():
    from zhdiscourse import parse

    sp = parse("引言。\n一、甲\n" + "内容。\n" * 3 + "二、乙\n" + "内容。\n" * 30)
    assert [(label, divided) for label, _s, divided in _over_half(sp)] == [("二", False)]
