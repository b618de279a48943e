<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../app.py" line="+213"/>
        <location line="+34"/>
        <source>正在连接平台…</source>
        <translation>正在连接平台…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>无法连接平台服务，请检查网络后点击“重试”。</source>
        <translation>无法连接平台服务，请检查网络后点击“重试”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>连接平台时出错，请点击“重试”；如仍失败，请联系客服。</source>
        <translation>连接平台时出错，请点击“重试”；如仍失败，请联系客服。</translation>
    </message>
    <message>
        <location line="+352"/>
        <source>讲义下载失败：尚未登录平台。</source>
        <translation>讲义下载失败：尚未登录平台。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>讲义下载失败：无法连接平台。请联网后再点击“讲义”。</source>
        <translation>讲义下载失败：无法连接平台。请联网后再点击“讲义”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在下载讲义…</source>
        <translation>正在下载讲义…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>暂时无法试听，请稍后重试。</source>
        <translation>暂时无法试听，请稍后重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在准备试听…</source>
        <translation>正在准备试听…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>正在退出登录…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../models/errors.py" line="+103"/>
        <source>登录已失效，请重新登录。</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>登录已失效，请重新登录。未同步的学习记录已保存在本机，登录后会继续上传。</source>
        <translation>登录已失效，请重新登录。未同步的学习记录已保存在本机，登录后会继续上传。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>密码已重置，请使用新密码登录。</source>
        <translation>密码已重置，请使用新密码登录。</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="+103"/>
        <source>跟随系统</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../models/batch_import.py" line="+254"/>
        <source>批量登记模板.xlsx</source>
        <translation>批量登记模板.xlsx</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>填写说明</source>
        <translation>填写说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>必填</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>每行登记一名学员；第 2 行是示例，请改写或删除（未修改的示例行导入时会跳过）。</source>
        <translation>每行登记一名学员；第 2 行是示例，请改写或删除（未修改的示例行导入时会跳过）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照片须为 JPG 格式、每张不超过 {size}；把所有照片放在同一个文件夹，表中只填文件名。</source>
        <translation>照片须为 JPG 格式、每张不超过 {size}；把所有照片放在同一个文件夹，表中只填文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入时逐行校验并提交；不合格的行不会登记，报告中会写明原因，改正后可只导入这些行。</source>
        <translation>导入时逐行校验并提交；不合格的行不会登记，报告中会写明原因，改正后可只导入这些行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告中含学员的初始密码，请交给学员后删除报告文件。</source>
        <translation>报告中含学员的初始密码，请交给学员后删除报告文件。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>可选：</source>
        <translation>可选：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照片文件夹中的文件名，如 {example}</source>
        <translation>照片文件夹中的文件名，如 {example}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>无法读取该文件：请选择由“下载模板”保存并填写的 XLSX 文件。</source>
        <translation>无法读取该文件：请选择由“下载模板”保存并填写的 XLSX 文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>表格缺少以下列，请使用“下载模板”保存的模板：{columns}</source>
        <translation>表格缺少以下列，请使用“下载模板”保存的模板：{columns}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>表格超过 {count} 行，请分成几个文件导入。</source>
        <translation>表格超过 {count} 行，请分成几个文件导入。</translation>
    </message>
    <message>
        <location line="+377"/>
        <source>已登记</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未登记</source>
        <translation>未登记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>批量登记报告-{date}.xlsx</source>
        <translation>批量登记报告-{date}.xlsx</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>登记报告</source>
        <translation>登记报告</translation>
    </message>
    <message>
        <location filename="../models/certificate.py" line="+50"/>
        <source>{year}年度继续教育证书草稿.pdf</source>
        <translation>{year}年度继续教育证书草稿.pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>公需课</source>
        <translation>公需课</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>专业课</source>
        <translation>专业课</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网络学习</source>
        <translation>网络学习</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>面授</source>
        <translation>面授</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>继续教育类型</source>
        <translation>继续教育类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../models/slip.py" line="+219"/>
        <source>学分</source>
        <translation>学分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{year}年度会计人员继续教育证书（草稿）</source>
        <translation>{year}年度会计人员继续教育证书（草稿）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>身份证明号</source>
        <translation>身份证明号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已回传学分合计：{total} 学分</source>
        <translation>已回传学分合计：{total} 学分</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{year}年度继续教育证书草稿</source>
        <translation>{year}年度继续教育证书草稿</translation>
    </message>
    <message>
        <location filename="../models/slip.py" line="-91"/>
        <source>尚未购买课程</source>
        <translation>尚未购买课程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>现金支付 {amount}</source>
        <translation>现金支付 {amount}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡支付（{amount}）</source>
        <translation>学习卡支付（{amount}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免费</source>
        <translation>免费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>微信支付 {amount}</source>
        <translation>微信支付 {amount}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>支付宝支付 {amount}</source>
        <translation>支付宝支付 {amount}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待支付 {amount}</source>
        <translation>待支付 {amount}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>登录：“证件号码”填写本回执上的登录账号，“密码”填写初始密码。</source>
        <translation>登录：“证件号码”填写本回执上的登录账号，“密码”填写初始密码。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>在“学习资源”中选择培训机构并购买当年的公需课和专业课，然后在“我的学习”中选课。</source>
        <translation>在“学习资源”中选择培训机构并购买当年的公需课和专业课，然后在“我的学习”中选课。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>点击“开始学习”观看课程视频，学习进度自动记录；可随时暂停，下次从暂停处继续。</source>
        <translation>点击“开始学习”观看课程视频，学习进度自动记录；可随时暂停，下次从暂停处继续。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请在 {date} 前完成学习和考试，逾期不办理补学补登。</source>
        <translation>请在 {date} 前完成学习和考试，逾期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>学分由培训机构自动报送，无需自行申报；可在“继续教育情况”中查看。</source>
        <translation>学分由培训机构自动报送，无需自行申报；可在“继续教育情况”中查看。</translation>
    </message>
    <message>
        <location filename="../models/certificate.py" line="-28"/>
        <location filename="../models/slip.py" line="+7"/>
        <source>培训机构</source>
        <translation>培训机构</translation>
    </message>
    <message>
        <location filename="../models/slip.py" line="-55"/>
        <source>在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台拷贝，或致电 {phone} 索取。</source>
        <translation>在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台拷贝，或致电 {phone} 索取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台拷贝。</source>
        <translation>在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台拷贝。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>首次登录须修改初始密码：新密码至少 {length} 位，含字母和数字，请牢记，不要告诉他人。</source>
        <translation>首次登录须修改初始密码：新密码至少 {length} 位，含字母和数字，请牢记，不要告诉他人。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>在“我的学习”中选课：专业课须选满 {credits} 学分（可用“一键选课”），公需课已自动选好。</source>
        <translation>在“我的学习”中选课：专业课须选满 {credits} 学分（可用“一键选课”），公需课已自动选好。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>在“我的订单”中完成支付，然后在“我的学习”中选课（专业课须选满 {credits} 学分）。</source>
        <translation>在“我的订单”中完成支付，然后在“我的学习”中选课（专业课须选满 {credits} 学分）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>公需课学完后，在“公需考试”中参加考试；未及格可在截止日期前再考。</source>
        <translation>公需课学完后，在“公需考试”中参加考试；未及格可在截止日期前再考。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请在当年 {month} 月 {day} 日前完成学习和考试，逾期不办理补学补登。</source>
        <translation>请在当年 {month} 月 {day} 日前完成学习和考试，逾期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>咨询电话</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学员姓名</source>
        <translation>学员姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登录账号</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>初始密码</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记时间</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经办人</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>课程包</source>
        <translation>课程包</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金额</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>订单编号</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>付款方式</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>会计人员继续教育 学员登记回执</source>
        <translation>会计人员继续教育 学员登记回执</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>会计人员继续教育 收款回执</source>
        <translation>会计人员继续教育 收款回执</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已购课程</source>
        <translation>已购课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接下来怎么做</source>
        <translation>接下来怎么做</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>学员登记回执</source>
        <translation>学员登记回执</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>收款回执</source>
        <translation>收款回执</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>收款回执-{name}.pdf</source>
        <translation>收款回执-{name}.pdf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学员登记回执-{name}.pdf</source>
        <translation>学员登记回执-{name}.pdf</translation>
    </message>
    <message>
        <location filename="../models/sync.py" line="+494"/>
        <source>同步未完成：{detail}。稍后会自动重试。</source>
        <translation>同步未完成：{detail}。稍后会自动重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步未完成，稍后会自动重试；如一直失败，请联系客服。</source>
        <translation>同步未完成，稍后会自动重试；如一直失败，请联系客服。</translation>
    </message>
    <message>
        <location filename="../models/vlc_backend.py" line="+53"/>
        <source>播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载并安装 64 位版本的 VLC（须与本软件的位数一致），安装完成后重新打开本软件。</source>
        <translation>播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载并安装 64 位版本的 VLC（须与本软件的位数一致），安装完成后重新打开本软件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载 VLC 并拖入“应用程序”（/Applications）文件夹，或在终端运行 brew install --cask vlc，然后重新打开本软件。</source>
        <translation>播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载 VLC 并拖入“应用程序”（/Applications）文件夹，或在终端运行 brew install --cask vlc，然后重新打开本软件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>播放课程需要 VLC 媒体播放器（libvlc）。请在终端运行 sudo apt install vlc（或安装 libvlc5 软件包；其他发行版请用其软件包管理器安装 vlc），然后重新打开本软件。</source>
        <translation>播放课程需要 VLC 媒体播放器（libvlc）。请在终端运行 sudo apt install vlc（或安装 libvlc5 软件包；其他发行版请用其软件包管理器安装 vlc），然后重新打开本软件。</translation>
    </message>
    <message>
        <location filename="../views/menus_and_reminders.py" line="+275"/>
        <source>正在收集诊断信息…</source>
        <translation>正在收集诊断信息…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>诊断信息已复制到剪贴板，可粘贴给客服。</source>
        <translation>诊断信息已复制到剪贴板，可粘贴给客服。</translation>
    </message>
    <message>
        <location filename="../views/course_selection.py" line="+106"/>
        <source>需要联网才能选课，请连接网络后重试。</source>
        <translation>需要联网才能选课，请连接网络后重试。</translation>
    </message>
    <message>
        <location filename="../views/desk/photo_sources.py" line="+54"/>
        <source>未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头</source>
        <translation>未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择扫描仪的输出文件夹</source>
        <translation>选择扫描仪的输出文件夹</translation>
    </message>
    <message>
        <location filename="../views/records.py" line="+75"/>
        <source>{year}年{month}月{day}日</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <location filename="../views/tray.py" line="+63"/>
        <source>下载完成</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{chapter}”已下载，可离线学习。</source>
        <translation>“{chapter}”已下载，可离线学习。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下载失败</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{chapter}”未能下载完成，再次点击“下载”会从中断处继续。</source>
        <translation>“{chapter}”未能下载完成，再次点击“下载”会从中断处继续。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>今天是{year}年度学分确认截止日！请尽快完成学习，过期不办理补学补登。</source>
        <translation>今天是{year}年度学分确认截止日！请尽快完成学习，过期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>距{year}年度学分确认截止仅剩{days}天！请尽快完成学习，过期不办理补学补登。</source>
        <translation>距{year}年度学分确认截止仅剩{days}天！请尽快完成学习，过期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>学分确认即将截止</source>
        <translation>学分确认即将截止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>学分确认截止临近</source>
        <translation>学分确认截止临近</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>距{year}年度学分确认截止还有{days}天，请尽快完成学习。</source>
        <translation>距{year}年度学分确认截止还有{days}天，请尽快完成学习。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>KJCE Desktop</source>
        <translation>KJCE Desktop</translation>
    </message>
    <message>
        <location filename="../models/errors.py" line="+5"/>
        <source>操作已取消。</source>
        <translation>操作已取消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法连接平台服务，请检查网络后点击“重试”。您填写的内容不会丢失。</source>
        <translation>无法连接平台服务，请检查网络后点击“重试”。您填写的内容不会丢失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>操作未能完成：发生了意外错误。请重试；如仍失败，请联系客服。</source>
        <translation>操作未能完成：发生了意外错误。请重试；如仍失败，请联系客服。</translation>
    </message>
    <message>
        <location filename="../models/watch_refusals.py" line="+139"/>
        <source>电脑时间不准：请把电脑时间设为自动同步后继续学习</source>
        <extracomment>Uncredited time below this is not shown (what a trimmed event of honest play may lose to timer granularity); it is kept all the same.</extracomment>
        <translation>电脑时间不准：请把电脑时间设为自动同步后继续学习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在其他设备学习：同一时间只计一处学时</source>
        <translation>正在其他设备学习：同一时间只计一处学时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>播放速度超过 {rate} 倍速的部分不计学时</source>
        <translation>播放速度超过 {rate} 倍速的部分不计学时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>课程包已截止：截止后的学习不计学时</source>
        <translation>课程包已截止：截止后的学习不计学时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学习时间早于购买课程的时间：请把电脑时间设为自动同步后继续学习</source>
        <translation>学习时间早于购买课程的时间：请把电脑时间设为自动同步后继续学习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未选择该课程：请先在“选课”中选择该课程再学习</source>
        <translation>尚未选择该课程：请先在“选课”中选择该课程再学习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该章节已不在课程中：请返回课程页刷新后继续学习</source>
        <translation>该章节已不在课程中：请返回课程页刷新后继续学习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这段学习记录无效：请重新观看这一段；如反复出现，请联系客服</source>
        <translation>这段学习记录无效：请重新观看这一段；如反复出现，请联系客服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学习记录编号冲突：请联系客服</source>
        <translation>学习记录编号冲突：请联系客服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>平台未计学时：{message}</source>
        <translation>平台未计学时：{message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台未计这段学时，请联系客服</source>
        <translation>平台未计这段学时，请联系客服</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>；</source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../models/session.py" line="+168"/>
        <source>无法打开本机保存的学习数据（{folder}）。请检查磁盘空间和该文件夹的权限，然后重新登录；如仍失败，请联系客服。</source>
        <translation>无法打开本机保存的学习数据（{folder}）。请检查磁盘空间和该文件夹的权限，然后重新登录；如仍失败，请联系客服。</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../views/about_dialog.py" line="+43"/>
        <source>关于 KJCE Desktop</source>
        <translation>关于 KJCE Desktop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>安装版</source>
        <translation>安装版</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>源代码运行</source>
        <translation>源代码运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KJCE Desktop {version}</source>
        <translation>KJCE Desktop {version}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>广东省（不含深圳市）会计人员继续教育桌面客户端</source>
        <translation>广东省（不含深圳市）会计人员继续教育桌面客户端</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>版本：{version}（{build}）</source>
        <translation>版本：{version}（{build}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt：{qt}　PySide6：{pyside}</source>
        <translation>Qt：{qt}　PySide6：{pyside}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python：{python}</source>
        <translation>Python：{python}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VLC 播放组件：{libvlc}</source>
        <translation>VLC 播放组件：{libvlc}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未安装</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台地址：{url}</source>
        <translation>平台地址：{url}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未连接</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据文件夹：{path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日志文件夹：{path}</source>
        <translation>日志文件夹：{path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制诊断信息(&amp;C)</source>
        <translation>复制诊断信息(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把版本、系统和最近的日志（已去除个人信息）复制到剪贴板，可粘贴给客服。</source>
        <translation>把版本、系统和最近的日志（已去除个人信息）复制到剪贴板，可粘贴给客服。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>诊断信息已复制到剪贴板，可粘贴给客服。</source>
        <translation>诊断信息已复制到剪贴板，可粘贴给客服。</translation>
    </message>
</context>
<context>
    <name>AccountInfoPage</name>
    <message>
        <location filename="../views/account_info.py" line="+13"/>
        <source>信息未采集</source>
        <translation>信息未采集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息已采集</source>
        <translation>信息已采集</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>账号信息</source>
        <translation>账号信息</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>姓名：</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型：</source>
        <translation>证件类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码：</source>
        <translation>证件号码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码：</source>
        <translation>手机号码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息采集：</source>
        <translation>信息采集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注册时间：</source>
        <translation>注册时间：</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../views/registration.py" line="+187"/>
        <source>填写账号信息</source>
        <translation>填写账号信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码将作为您的登录账号，注册后不可修改，请如实填写。</source>
        <translation>证件号码将作为您的登录账号，注册后不可修改，请如实填写。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>至少 {length} 位，须同时包含字母和数字</source>
        <translation>至少 {length} 位，须同时包含字母和数字</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>证件类型</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认密码</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码</source>
        <translation>验证码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>重试</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请输入验证码</source>
        <translation>请输入验证码</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>正在注册…</source>
        <translation>正在注册…</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <location filename="../views/desk/admin.py" line="+209"/>
        <source>管理</source>
        <translation>管理</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>工作人员</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作日志</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>工作人员列表</source>
        <translation>工作人员列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>操作日志列表</source>
        <translation>操作日志列表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+138"/>
        <source>加载更多</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+80"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>共 {n} 个账号</source>
        <translation>共 {n} 个账号</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>正在启用…</source>
        <translation>正在启用…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在停用…</source>
        <translation>正在停用…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已停用 {name}</source>
        <translation>已停用 {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已启用 {name}</source>
        <translation>已启用 {name}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>正在加载更早的记录…</source>
        <translation>正在加载更早的记录…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有更早的记录</source>
        <translation>没有更早的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已显示 {n} 条</source>
        <translation>已显示 {n} 条</translation>
    </message>
</context>
<context>
    <name>AttemptTableModel</name>
    <message>
        <location filename="../models/attempt_table.py" line="+38"/>
        <source>次数</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>成绩</source>
        <translation>成绩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>考试中</source>
        <translation>考试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合格</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不合格</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{result}（时间到，按已保存的答案评分）</source>
        <translation>{result}（时间到，按已保存的答案评分）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>第{number}次</source>
        <translation>第{number}次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{score}分</source>
        <translation>{score}分</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../models/audit_table.py" line="+21"/>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作人</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../views/desk/batch.py" line="+87"/>
        <source>批量登记</source>
        <translation>批量登记</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1. 点击“下载模板”保存 XLSX 模板，每行填写一名学员（第 2 行为示例）；
2. 把照片（JPG，每张不超过 {size}）放在同一个文件夹，表中填写文件名；
3. 选择填好的表格和照片文件夹，点击“开始导入”。每行逐一校验并登记。</source>
        <translation>1. 点击“下载模板”保存 XLSX 模板，每行填写一名学员（第 2 行为示例）；
2. 把照片（JPG，每张不超过 {size}）放在同一个文件夹，表中填写文件名；
3. 选择填好的表格和照片文件夹，点击“开始导入”。每行逐一校验并登记。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下载模板</source>
        <translation>下载模板</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+20"/>
        <source>表格</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>填写好的 XLSX 表格</source>
        <translation>填写好的 XLSX 表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择表格…</source>
        <translation>选择表格…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+15"/>
        <source>照片文件夹</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>存放照片的文件夹</source>
        <translation>存放照片的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择文件夹…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>开始导入</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%v / %m 行</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>登记报告</source>
        <translation>登记报告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>报告中含学员的初始密码（只显示这一次）：请逐一交给学员，保存的文件用完即删除。</source>
        <translation>报告中含学员的初始密码（只显示这一次）：请逐一交给学员，保存的文件用完即删除。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存为XLSX</source>
        <translation>保存为XLSX</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>选择表格</source>
        <translation>选择表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>选择照片文件夹</source>
        <translation>选择照片文件夹</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>保存批量登记模板</source>
        <translation>保存批量登记模板</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在保存模板…</source>
        <translation>正在保存模板…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>模板已保存：{path}。填写后选择该表格和照片文件夹导入。</source>
        <translation>模板已保存：{path}。填写后选择该表格和照片文件夹导入。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法保存文件：{reason}</source>
        <translation>无法保存文件：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请选择填写好的 XLSX 表格。</source>
        <translation>请选择填写好的 XLSX 表格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请选择存放照片的文件夹。</source>
        <translation>请选择存放照片的文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在读取并校验表格…</source>
        <translation>正在读取并校验表格…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>正在批量登记…</source>
        <translation>正在批量登记…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在登记：第 {done} / {total} 行</source>
        <translation>正在登记：第 {done} / {total} 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在取消：等待当前这一行完成…</source>
        <translation>正在取消：等待当前这一行完成…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>共 {total} 行：已登记 {ok} 行，未登记 {bad} 行。</source>
        <translation>共 {total} 行：已登记 {ok} 行，未登记 {bad} 行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入已取消。</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>表格中没有需要登记的行。</source>
        <translation>表格中没有需要登记的行。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>保存登记报告</source>
        <translation>保存登记报告</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在保存报告…</source>
        <translation>正在保存报告…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>报告已保存：{path}。文件含初始密码，交给学员后请删除。</source>
        <translation>报告已保存：{path}。文件含初始密码，交给学员后请删除。</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../views/desk/photo_sources.py" line="+210"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>拍 摄</source>
        <translation>拍 摄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CaptchaField</name>
    <message>
        <location filename="../views/widgets.py" line="+207"/>
        <source>请输入右侧字符</source>
        <translation>请输入右侧字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+32"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>验证码图片</source>
        <translation>验证码图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>看不清，换一张</source>
        <translation>看不清，换一张</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>加载失败</source>
        <translation>加载失败</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <location filename="../models/catalog_model.py" line="+139"/>
        <source>课程名称</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授课老师</source>
        <translation>授课老师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分</source>
        <translation>学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时长</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>试听</source>
        <translation>试听</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>选择</source>
        <translation>选择</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必修</source>
        <translation>必修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{minutes}分钟</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <location line="+296"/>
        <source>已选</source>
        <translation>已选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未选</source>
        <translation>未选</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{category}（{count}门）</source>
        <translation>{category}（{count}门）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>试听本课程片段（不计学时）</source>
        <translation>试听本课程片段（不计学时）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已选，点击取消选择</source>
        <translation>已选，点击取消选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击选择本课程</source>
        <translation>点击选择本课程</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../views/change_password.py" line="+54"/>
        <source>修改初始密码</source>
        <translation>修改初始密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}，您好！您正在使用培训机构为您设置的初始密码，为保障账号安全，请先修改密码后再继续使用。</source>
        <translation>{name}，您好！您正在使用培训机构为您设置的初始密码，为保障账号安全，请先修改密码后再继续使用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>凭条上的初始密码</source>
        <translation>凭条上的初始密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至少 {length} 位，须同时包含字母和数字</source>
        <translation>至少 {length} 位，须同时包含字母和数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>初始密码</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认新密码</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>修改密码</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>退出登录</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>请输入初始密码</source>
        <translation>请输入初始密码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>新密码不能与初始密码相同</source>
        <translation>新密码不能与初始密码相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在修改密码…</source>
        <translation>正在修改密码…</translation>
    </message>
</context>
<context>
    <name>ChapterRow</name>
    <message>
        <location filename="../views/course_page.py" line="+64"/>
        <source>播放</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>播放：{title}</source>
        <translation>播放：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>下载</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>下载：{title}</source>
        <translation>下载：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>讲义</source>
        <translation>讲义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>讲义：{title}</source>
        <translation>讲义：{title}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已学时长 {watched} / 总时长 {total}</source>
        <translation>已学时长 {watched} / 总时长 {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（待确认 {pending}）</source>
        <translation>（待确认 {pending}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未计学时 {time} · {reasons}</source>
        <translation>未计学时 {time} · {reasons}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已下载，可离线学习</source>
        <translation>已下载，可离线学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消下载</source>
        <translation>取消下载</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../views/checkout.py" line="+83"/>
        <source>订单支付</source>
        <translation>订单支付</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>订单编号：</source>
        <translation>订单编号：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>下单时间：</source>
        <translation>下单时间：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>订单金额：</source>
        <translation>订单金额：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>培训机构：</source>
        <translation>培训机构：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>商品信息</source>
        <translation>商品信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分</source>
        <translation>学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单价</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数量</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合计</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>订单商品</source>
        <translation>订单商品</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>微信支付</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+136"/>
        <source>支付宝</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>学习卡</source>
        <translation>学习卡</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>付款方式：</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>付款二维码</source>
        <translation>付款二维码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>生成付款二维码</source>
        <translation>生成付款二维码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消支付</source>
        <translation>取消支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>模拟扫码支付（演示平台）</source>
        <translation>模拟扫码支付（演示平台）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>演示平台没有接入真实的微信/支付宝：点击此按钮代替手机扫码完成支付。</source>
        <translation>演示平台没有接入真实的微信/支付宝：点击此按钮代替手机扫码完成支付。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>学习卡卡号</source>
        <translation>学习卡卡号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>学习卡密码</source>
        <translation>学习卡密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>卡号</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>激活学习卡</source>
        <translation>激活学习卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>激活学习卡 → 选择课程 → 开始学习</source>
        <translation>激活学习卡 → 选择课程 → 开始学习</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>尚未生成二维码</source>
        <translation>尚未生成二维码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>点击“生成付款二维码”，然后使用{app}扫码支付 {amount}。</source>
        <translation>点击“生成付款二维码”，然后使用{app}扫码支付 {amount}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>微信</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>正在生成付款二维码…</source>
        <translation>正在生成付款二维码…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请使用{app}扫一扫左侧二维码，支付 {amount}。</source>
        <translation>请使用{app}扫一扫左侧二维码，支付 {amount}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在等待支付结果…（每 {seconds} 秒查询一次）</source>
        <translation>正在等待支付结果…（每 {seconds} 秒查询一次）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>该笔支付已取消（订单已被新的订单取代），请关闭后重新下单。</source>
        <translation>该笔支付已取消（订单已被新的订单取代），请关闭后重新下单。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已过截止日期，该订单不能再支付：已收到的 {amount} 将原路退回。</source>
        <translation>已过截止日期，该订单不能再支付：已收到的 {amount} 将原路退回。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>网络中断，正在重试查询支付结果…</source>
        <translation>网络中断，正在重试查询支付结果…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在模拟扫码支付…</source>
        <translation>正在模拟扫码支付…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已取消支付。订单仍为待支付，可稍后在“我的订单”中继续支付。</source>
        <translation>已取消支付。订单仍为待支付，可稍后在“我的订单”中继续支付。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请输入学习卡卡号</source>
        <translation>请输入学习卡卡号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请输入学习卡密码</source>
        <translation>请输入学习卡密码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在激活学习卡…</source>
        <translation>正在激活学习卡…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>需要联网才能支付，请连接网络后重试。</source>
        <translation>需要联网才能支付，请连接网络后重试。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>支付成功！订单 {number} 已支付 {amount}，现在可以去选课学习了。</source>
        <translation>支付成功！订单 {number} 已支付 {amount}，现在可以去选课学习了。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>完成</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>CoursePage</name>
    <message>
        <location filename="../views/course_page.py" line="+45"/>
        <source>‹ 返回我的学习</source>
        <translation>‹ 返回我的学习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下载管理</source>
        <translation>下载管理</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>课程章节</source>
        <translation>课程章节</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>正在加载课程…</source>
        <translation>正在加载课程…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前无法连接平台，显示的是上次保存的内容。</source>
        <translation>当前无法连接平台，显示的是上次保存的内容。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>主讲：{teacher}</source>
        <translation>主讲：{teacher}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学分：{credits}</source>
        <translation>学分：{credits}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>学习进度 {percent:.2f}%</source>
        <translation>学习进度 {percent:.2f}%</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>正在准备播放…</source>
        <translation>正在准备播放…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>当前无法连接平台，而这一讲还没有下载到本机，暂时无法播放。请联网后再试；联网时点击“下载”，以后可离线学习。</source>
        <translation>当前无法连接平台，而这一讲还没有下载到本机，暂时无法播放。请联网后再试；联网时点击“下载”，以后可离线学习。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>正在下载“{title}”…</source>
        <translation>正在下载“{title}”…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>下载已暂停，再次点击“下载”会从中断处继续。</source>
        <translation>下载已暂停，再次点击“下载”会从中断处继续。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>下载中断：无法连接平台。联网后再次点击“下载”会从中断处继续。</source>
        <translation>下载中断：无法连接平台。联网后再次点击“下载”会从中断处继续。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>正在下载讲义…</source>
        <translation>正在下载讲义…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>讲义下载失败：无法连接平台。请联网后再点击“讲义”。</source>
        <translation>讲义下载失败：无法连接平台。请联网后再点击“讲义”。</translation>
    </message>
</context>
<context>
    <name>CourseProgressRow</name>
    <message>
        <location filename="../views/study.py" line="+117"/>
        <source>未计学时 {time} · {reasons}</source>
        <translation>未计学时 {time} · {reasons}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学习中</source>
        <translation>学习中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未学习</source>
        <translation>未学习</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{credits} 学分</source>
        <translation>{credits} 学分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已学时长 {watched} / 总时长 {total}</source>
        <translation>已学时长 {watched} / 总时长 {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（待确认 {pending}）</source>
        <translation>（待确认 {pending}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>开始学习</source>
        <translation>开始学习</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>继续学习</source>
        <translation>继续学习</translation>
    </message>
</context>
<context>
    <name>CourseSelectionView</name>
    <message>
        <location filename="../views/course_selection.py" line="+203"/>
        <source>‹ 返回我的学习</source>
        <translation>‹ 返回我的学习</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+203"/>
        <source>选课</source>
        <translation>选课</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>输入课程名称或授课老师搜索</source>
        <translation>输入课程名称或授课老师搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索课程</source>
        <translation>搜索课程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>课程目录</source>
        <translation>课程目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空格键选择或取消选择课程，回车键试听</source>
        <translation>空格键选择或取消选择课程，回车键试听</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>点击“选择”列、按空格键或双击课程即可选择或取消选择；点击“试听”可试听课程。</source>
        <translation>点击“选择”列、按空格键或双击课程即可选择或取消选择；点击“试听”可试听课程。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已选课程</source>
        <translation>已选课程</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消选择</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已选学分进度</source>
        <translation>已选学分进度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>一键选课</source>
        <translation>一键选课</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保留已选课程，自动补足到要求的学分</source>
        <translation>保留已选课程，自动补足到要求的学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始学习</source>
        <translation>开始学习</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+150"/>
        <source>正在加载课程…</source>
        <translation>正在加载课程…</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>当前无法连接平台，显示的是上次保存的课程。</source>
        <translation>当前无法连接平台，显示的是上次保存的课程。</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>{institution} · 选课截止 {date}</source>
        <translation>{institution} · 选课截止 {date}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>找到 {shown} 门课程</source>
        <translation>找到 {shown} 门课程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {total} 门课程</source>
        <translation>共 {total} 门课程</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>正在选课…</source>
        <translation>正在选课…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在取消选择…</source>
        <translation>正在取消选择…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>正在一键选课…</source>
        <translation>正在一键选课…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已选课程已达到 {required} 学分的要求，无需再选。</source>
        <translation>已选课程已达到 {required} 学分的要求，无需再选。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已为您选择 {count} 门课程，共 {total} 学分；可选课程不足，仍未达到 {required} 学分。</source>
        <translation>已为您选择 {count} 门课程，共 {total} 学分；可选课程不足，仍未达到 {required} 学分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已为您选择 {count} 门课程，共 {total} 学分</source>
        <translation>已为您选择 {count} 门课程，共 {total} 学分</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>已选课程（{count} 门）</source>
        <translation>已选课程（{count} 门）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已选 {total} / {required} 学分</source>
        <translation>已选 {total} / {required} 学分</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>所选课程达到 {required} 学分后即可开始学习</source>
        <translation>所选课程达到 {required} 学分后即可开始学习</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在已选课程中选中一门课程，即可取消选择。</source>
        <translation>在已选课程中选中一门课程，即可取消选择。</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <location filename="../views/desk/walk_in_form.py" line="+129"/>
        <source>登记成功</source>
        <translation>登记成功</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} 已登记并完成信息采集。</source>
        <translation>{name} 已登记并完成信息采集。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>登录账号（证件号码）</source>
        <translation>登录账号（证件号码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>初始密码</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>初始密码只显示这一次（凭条上也会打印）。学员首次登录时必须修改密码。请勿抄写在其他地方。</source>
        <translation>初始密码只显示这一次（凭条上也会打印）。学员首次登录时必须修改密码。请勿抄写在其他地方。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>下一步：收款与打印凭条</source>
        <translation>下一步：收款与打印凭条</translation>
    </message>
</context>
<context>
    <name>CreditRow</name>
    <message>
        <location filename="../views/home.py" line="+73"/>
        <source>{earned}/{required} 学分</source>
        <translation>{earned}/{required} 学分</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../views/desk/desk.py" line="+75"/>
        <source>前台登记</source>
        <translation>前台登记</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{institution} · 工作人员：{name}</source>
        <translation>{institution} · 工作人员：{name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>退出登录</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>管理</source>
        <translation>管理</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>新增学员</source>
        <translation>新增学员</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查找学员</source>
        <translation>查找学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按姓名或证件号码后 4 位查找</source>
        <translation>按姓名或证件号码后 4 位查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>批量登记</source>
        <translation>批量登记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收款</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>为选中的学员购买课程并收款（也可双击该行或按回车键）</source>
        <translation>为选中的学员购买课程并收款（也可双击该行或按回车键）</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+7"/>
        <source>今日登记</source>
        <translation>今日登记</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>共 {n} 人</source>
        <translation>共 {n} 人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到匹配的学员。</source>
        <translation>没有找到匹配的学员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>今天还没有登记的学员。点击“新增学员”开始登记。</source>
        <translation>今天还没有登记的学员。点击“新增学员”开始登记。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>请先在列表中选中一名学员。</source>
        <translation>请先在列表中选中一名学员。</translation>
    </message>
</context>
<context>
    <name>DeskPaymentDialog</name>
    <message>
        <location filename="../views/desk/payment.py" line="+103"/>
        <source>收款</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name}（{id_number}）</source>
        <translation>{name}（{id_number}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{year}年度课程（勾选学员本次购买的课程）</source>
        <translation>{year}年度课程（勾选学员本次购买的课程）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+141"/>
        <source>正在加载课程…</source>
        <translation>正在加载课程…</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>下单</source>
        <translation>下单</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+324"/>
        <location line="+2"/>
        <source>暂不购买</source>
        <translation>暂不购买</translation>
    </message>
    <message>
        <location line="-304"/>
        <source>现金</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学习卡</source>
        <translation>学习卡</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>付款方式：</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>如 90.00</source>
        <translation>如 90.00</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>实收金额（元）</source>
        <translation>实收金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认收款</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>卡号</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认支付</source>
        <translation>确认支付</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>稍后支付</source>
        <translation>稍后支付</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>订单保持待支付，可从今日登记列表中继续收款</source>
        <translation>订单保持待支付，可从今日登记列表中继续收款</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>打印回执</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>删除回执 PDF</source>
        <translation>删除回执 PDF</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{title}　{credits} 学分　{price}</source>
        <translation>{title}　{credits} 学分　{price}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（已购买）</source>
        <translation>（已购买）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（已截止）</source>
        <translation>（已截止）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本机构该年度没有可购买的课程。</source>
        <translation>本机构该年度没有可购买的课程。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>合计：{amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在下单…</source>
        <translation>正在下单…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>订单 {number}：{titles}
应收金额：{amount}</source>
        <translation>订单 {number}：{titles}
应收金额：{amount}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>请输入实收金额，如 90.00</source>
        <translation>请输入实收金额，如 90.00</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>再次打印回执</source>
        <translation>再次打印回执</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>回执 PDF 已保存到 {path}。它含有学员的初始密码，打印交给学员后请删除。</source>
        <translation>回执 PDF 已保存到 {path}。它含有学员的初始密码，打印交给学员后请删除。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>回执 PDF 已删除。</source>
        <translation>回执 PDF 已删除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法删除回执 PDF：{reason}</source>
        <translation>无法删除回执 PDF：{reason}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>回执尚未打印</source>
        <translation>回执尚未打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记回执尚未打印或保存。离开后将无法再次查看该学员的初始密码，确定离开吗？</source>
        <translation>登记回执尚未打印或保存。离开后将无法再次查看该学员的初始密码，确定离开吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍然离开</source>
        <translation>仍然离开</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>正在登记现金收款…</source>
        <translation>正在登记现金收款…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请输入学习卡卡号</source>
        <translation>请输入学习卡卡号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请输入学习卡密码</source>
        <translation>请输入学习卡密码</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在使用学习卡支付…</source>
        <translation>正在使用学习卡支付…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>确定本次不购买课程吗？学员可稍后在客户端自行购买。</source>
        <translation>确定本次不购买课程吗？学员可稍后在客户端自行购买。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+165"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>本次未购买课程。学员可稍后在客户端自行购买。</source>
        <translation>本次未购买课程。学员可稍后在客户端自行购买。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>订单 {number} 待支付，可从今日登记列表中继续收款。</source>
        <translation>订单 {number} 待支付，可从今日登记列表中继续收款。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>订单 {number} 为免费课程，已开通。</source>
        <translation>订单 {number} 为免费课程，已开通。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>收款成功！订单 {number} 已支付 {amount}。</source>
        <translation>收款成功！订单 {number} 已支付 {amount}。</translation>
    </message>
</context>
<context>
    <name>DistrictPicker</name>
    <message>
        <location filename="../views/learner_info.py" line="+47"/>
        <location line="+6"/>
        <source>地级市</source>
        <translation>地级市</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+5"/>
        <source>区县</source>
        <translation>区县</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>请选择地级市</source>
        <translation>请选择地级市</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请选择区县</source>
        <translation>请选择区县</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../views/profile/submit.py" line="+49"/>
        <source>您的信息已提交。如需修改，可随时通过左侧“信息变更”进行变更。</source>
        <translation>您的信息已提交。如需修改，可随时通过左侧“信息变更”进行变更。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>信息变更已保存</source>
        <translation>信息变更已保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>信息采集已完成</source>
        <translation>信息采集已完成</translation>
    </message>
    <message>
        <location filename="../views/registration.py" line="+27"/>
        <source>注册成功</source>
        <translation>注册成功</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name}，您的账号已注册成功，登录账号为您的证件号码。

下一步：请先完成“信息采集”，再到“学习资源”选择培训机构报名学习。点击“完成”进入学习平台。</source>
        <translation>{name}，您的账号已注册成功，登录账号为您的证件号码。

下一步：请先完成“信息采集”，再到“学习资源”选择培训机构报名学习。点击“完成”进入学习平台。</translation>
    </message>
</context>
<context>
    <name>EligibilityPage</name>
    <message>
        <location line="-302"/>
        <source>温馨提醒</source>
        <translation>温馨提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请根据您的实际情况回答以下问题。</source>
        <translation>请根据您的实际情况回答以下问题。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>问题1：是</source>
        <translation>问题1：是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题1：否</source>
        <translation>问题1：否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题2：是</source>
        <translation>问题2：是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题2：否</source>
        <translation>问题2：否</translation>
    </message>
</context>
<context>
    <name>EmbeddedPlatform</name>
    <message>
        <location filename="../models/embedded.py" line="+239"/>
        <source>无法启动内置平台服务，请重新安装本软件。</source>
        <translation>无法启动内置平台服务，请重新安装本软件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>内置平台服务意外退出，请重启本软件。</source>
        <translation>内置平台服务意外退出，请重启本软件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>内置平台服务启动超时，请重启本软件。</source>
        <translation>内置平台服务启动超时，请重启本软件。</translation>
    </message>
</context>
<context>
    <name>EnrollView</name>
    <message>
        <location filename="../views/enroll.py" line="+84"/>
        <source>‹ 返回学习资源</source>
        <translation>‹ 返回学习资源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网上报名</source>
        <translation>网上报名</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>学习类型</source>
        <translation>学习类型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>确认购买</source>
        <translation>确认购买</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>去选课</source>
        <translation>去选课</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>到“我的学习”为已购买的课程包选课</source>
        <translation>到“我的学习”为已购买的课程包选课</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>用空格键勾选要购买的学习类型，按回车键或点击“确认购买”提交订单。</source>
        <translation>用空格键勾选要购买的学习类型，按回车键或点击“确认购买”提交订单。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>正在加载学习类型…</source>
        <translation>正在加载学习类型…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前无法连接平台，显示的是上次保存的内容；购买需要联网。</source>
        <translation>当前无法连接平台，显示的是上次保存的内容；购买需要联网。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>网上报名 · {name}</source>
        <translation>网上报名 · {name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;温馨提示：&lt;/b&gt;&lt;br&gt;1、会计人员每年度应完成不少于{total}学分的继续教育学习：公需科目不少于{public}学分，专业科目不少于{professional}学分。{year}年度学分确认截止至{deadline_year}年{month}月{day}日，过期不办理补学补登。&lt;br&gt;2、若无其他特殊情况，需完成公需课和专业课的学习。如果您之前已经购买了其中一种学习类型，请勾选另外一种，点击“确认购买”购买并参加学习。</source>
        <translation>&lt;b&gt;温馨提示：&lt;/b&gt;&lt;br&gt;1、会计人员每年度应完成不少于{total}学分的继续教育学习：公需科目不少于{public}学分，专业科目不少于{professional}学分。{year}年度学分确认截止至{deadline_year}年{month}月{day}日，过期不办理补学补登。&lt;br&gt;2、若无其他特殊情况，需完成公需课和专业课的学习。如果您之前已经购买了其中一种学习类型，请勾选另外一种，点击“确认购买”购买并参加学习。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>该机构本年度暂无可购买的学习类型。</source>
        <translation>该机构本年度暂无可购买的学习类型。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已选择：{titles}，共计 {amount}</source>
        <translation>已选择：{titles}，共计 {amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本年度的学习类型已无可购买的项目。</source>
        <translation>本年度的学习类型已无可购买的项目。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未选择学习类型。</source>
        <translation>尚未选择学习类型。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请先勾选要购买的学习类型。</source>
        <translation>请先勾选要购买的学习类型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <source>需要联网才能购买，请连接网络后重试。</source>
        <translation>需要联网才能购买，请连接网络后重试。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>正在提交订单…</source>
        <translation>正在提交订单…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>订单金额为 {amount}，无需支付，已直接开通：{titles}。</source>
        <translation>订单金额为 {amount}，无需支付，已直接开通：{titles}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>支付成功：{titles} 已开通。</source>
        <translation>支付成功：{titles} 已开通。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>订单尚未支付，可在“我的订单”中继续支付。</source>
        <translation>订单尚未支付，可在“我的订单”中继续支付。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>订单可在“我的订单”中查看。</source>
        <translation>订单可在“我的订单”中查看。</translation>
    </message>
</context>
<context>
    <name>EnrollmentCard</name>
    <message>
        <location filename="../views/study.py" line="+36"/>
        <source>选课</source>
        <translation>选课</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>公需课</source>
        <translation>公需课</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>专业课</source>
        <translation>专业课</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>要求完成 {required} 学分 / 已选 {selected} 学分</source>
        <translation>要求完成 {required} 学分 / 已选 {selected} 学分</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选课：{title}</source>
        <translation>选课：{title}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>要求完成 {required} 学分 / 您已完成 {earned} 学分</source>
        <translation>要求完成 {required} 学分 / 您已完成 {earned} 学分</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>选课已截止</source>
        <translation>选课已截止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已满足选课要求</source>
        <translation>已满足选课要求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还需选 {credits} 学分</source>
        <translation>还需选 {credits} 学分</translation>
    </message>
</context>
<context>
    <name>ExamDialog</name>
    <message>
        <location filename="../views/exam_dialog.py" line="+172"/>
        <source>公需课考试</source>
        <translation>公需课考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{paper} · 第{number}次考试</source>
        <translation>{paper} · 第{number}次考试</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>网络已断开：答案已保存在本机，联网后自动上传</source>
        <translation>网络已断开：答案已保存在本机，联网后自动上传</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>蓝色：已作答　白色：未作答　橙框：当前题　✓：已保存到平台</source>
        <translation>蓝色：已作答　白色：未作答　橙框：当前题　✓：已保存到平台</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>快捷键：数字键1–5或字母A–E选择选项，←/→切换题目</source>
        <translation>快捷键：数字键1–5或字母A–E选择选项，←/→切换题目</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>上一题</source>
        <translation>上一题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一题</source>
        <translation>下一题</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+475"/>
        <source>交卷</source>
        <translation>交卷</translation>
    </message>
    <message>
        <location line="-435"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>第 {n} / {total} 题</source>
        <translation>第 {n} / {total} 题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} · {points}分</source>
        <translation>{kind} · {points}分</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>答案未能保存在本机，请再选一次。</source>
        <translation>答案未能保存在本机，请再选一次。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>第 {numbers} 题已在其他电脑上修改，已载入最新答案</source>
        <translation>第 {numbers} 题已在其他电脑上修改，已载入最新答案</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>第{n}题</source>
        <translation>第{n}题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在保存</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已作答</source>
        <translation>已作答</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+25"/>
        <source>未作答</source>
        <translation>未作答</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>已保存</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当前题</source>
        <translation>当前题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已答 {done} / {total} 题</source>
        <translation>已答 {done} / {total} 题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在保存…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ 已保存</source>
        <translation>✓ 已保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已存本机，待上传</source>
        <translation>已存本机，待上传</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>剩余时间 {time}</source>
        <translation>剩余时间 {time}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>考试时间到，正在交卷…</source>
        <translation>考试时间到，正在交卷…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>考试时间到</source>
        <translation>考试时间到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考试时间已到。网络已断开，无法交卷：平台将按已保存到平台的答案评分，联网后可在“公需考试”中查看成绩。</source>
        <translation>考试时间已到。网络已断开，无法交卷：平台将按已保存到平台的答案评分，联网后可在“公需考试”中查看成绩。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>您还有 {count} 道题未作答，未作答的题不得分。</source>
        <translation>您还有 {count} 道题未作答，未作答的题不得分。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部 {total} 道题均已作答。</source>
        <translation>全部 {total} 道题均已作答。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认交卷</source>
        <translation>确认交卷</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>交卷后由平台评分，本次考试结束。确定交卷吗？</source>
        <translation>交卷后由平台评分，本次考试结束。确定交卷吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+193"/>
        <source>继续答题</source>
        <translation>继续答题</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>正在交卷…</source>
        <translation>正在交卷…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>试卷已在其他电脑上修改，已载入最新答案。请核对后再交卷。</source>
        <translation>试卷已在其他电脑上修改，已载入最新答案。请核对后再交卷。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>网络已断开，暂时无法交卷。答案已保存在本机，联网后请再次点击“交卷”。</source>
        <translation>网络已断开，暂时无法交卷。答案已保存在本机，联网后请再次点击“交卷”。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>已交卷</source>
        <translation>已交卷</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>考试时间已到，平台已按已保存的答案评分，成绩 {score} 分</source>
        <translation>考试时间已到，平台已按已保存的答案评分，成绩 {score} 分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本次考试已在其他电脑上交卷，成绩 {score} 分</source>
        <translation>本次考试已在其他电脑上交卷，成绩 {score} 分</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本次成绩：{score}分</source>
        <translation>本次成绩：{score}分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>合格</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不合格（{mark}分合格）</source>
        <translation>不合格（{mark}分合格）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>答对 {correct} / {total} 题</source>
        <translation>答对 {correct} / {total} 题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>最高成绩：{score}分</source>
        <translation>最高成绩：{score}分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>考试时间已到，已按保存的答案评分。</source>
        <translation>考试时间已到，已按保存的答案评分。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>公需考试已通过，继续教育学习情况将由培训机构自动上传。</source>
        <translation>公需考试已通过，继续教育学习情况将由培训机构自动上传。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您可以再次参加考试，成绩按最高分计算。</source>
        <translation>您可以再次参加考试，成绩按最高分计算。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>离开考试</source>
        <translation>离开考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离开后考试时间仍在计算，本次考试将于 {until} 结束。</source>
        <translation>离开后考试时间仍在计算，本次考试将于 {until} 结束。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>答案已保存在本机，可在“公需考试”中点击“继续考试”回来；时间到后平台将按已保存的答案评分。确定离开吗？</source>
        <translation>答案已保存在本机，可在“公需考试”中点击“继续考试”回来；时间到后平台将按已保存的答案评分。确定离开吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>离开</source>
        <translation>离开</translation>
    </message>
</context>
<context>
    <name>ExamTableModel</name>
    <message>
        <location filename="../models/exam_table.py" line="+55"/>
        <source>试卷名称</source>
        <translation>试卷名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要学习时间</source>
        <translation>需要学习时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开放时间</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭时间</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通过分数</source>
        <translation>通过分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>成绩</source>
        <translation>成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试状态</source>
        <translation>考试状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试机会</source>
        <translation>考试机会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本课程还需学习{minutes}分钟</source>
        <translation>本课程还需学习{minutes}分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未开放</source>
        <translation>未开放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可以考试</source>
        <translation>可以考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试中</source>
        <translation>考试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已通过</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未通过</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已截止</source>
        <translation>已截止</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{minutes}分钟</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{score}分</source>
        <translation>{score}分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已考{count}次，不限次数</source>
        <translation>已考{count}次，不限次数</translation>
    </message>
</context>
<context>
    <name>ExamView</name>
    <message>
        <location filename="../views/exam.py" line="+104"/>
        <location line="+118"/>
        <source>公需考试</source>
        <translation>公需考试</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>考试年度</source>
        <translation>考试年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度：</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>学习截止时间</source>
        <translation>学习截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试截止时间</source>
        <translation>考试截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习学分</source>
        <translation>学习学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试</source>
        <translation>考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>去报名</source>
        <translation>去报名</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <source>我的考试</source>
        <translation>我的考试</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+7"/>
        <source>考试记录</source>
        <translation>考试记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>还没有考试记录。</source>
        <translation>还没有考试记录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正式考试</source>
        <translation>正式考试</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>正在加载公需考试…</source>
        <translation>正在加载公需考试…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前无法连接平台，显示的是上次保存的内容。</source>
        <translation>当前无法连接平台，显示的是上次保存的内容。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{year}年</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{year}年 › {year}年公需课</source>
        <translation>{year}年 › {year}年公需课</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂未完成</source>
        <translation>暂未完成</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您尚未报名{year}年公需课，报名并学完公需课后即可参加考试。</source>
        <translation>您尚未报名{year}年公需课，报名并学完公需课后即可参加考试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您【{year}年公需课】考试已通过</source>
        <translation>您【{year}年公需课】考试已通过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>您【{year}年公需课】考试暂未通过</source>
        <translation>您【{year}年公需课】考试暂未通过</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>公需课考试{mark}分算作合格，考试合格后继续教育学习情况方可上传。</source>
        <translation>公需课考试{mark}分算作合格，考试合格后继续教育学习情况方可上传。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>公需课考试达到试卷的合格分数（通常为{mark}分）算作合格，考试合格后继续教育学习情况方可上传。</source>
        <translation>公需课考试达到试卷的合格分数（通常为{mark}分）算作合格，考试合格后继续教育学习情况方可上传。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>继续考试</source>
        <translation>继续考试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开始考试</source>
        <translation>开始考试</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{heading}：{value}</source>
        <translation>{heading}：{value}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>本课程还需学习{minutes}分钟，学完后方可参加考试</source>
        <translation>本课程还需学习{minutes}分钟，学完后方可参加考试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>考试将于{date}开放</source>
        <translation>考试将于{date}开放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考试已通过（最高成绩{score}分，{mark}分合格）</source>
        <translation>考试已通过（最高成绩{score}分，{mark}分合格）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>考试已于{date}截止，过期不办理补学补登</source>
        <translation>考试已于{date}截止，过期不办理补学补登</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂时不能参加考试</source>
        <translation>暂时不能参加考试</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>正在打开试卷…</source>
        <translation>正在打开试卷…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这次考试已经交卷或时间已到，成绩见“考试记录”。</source>
        <translation>这次考试已经交卷或时间已到，成绩见“考试记录”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>考试需要联网：当前无法连接平台，请检查网络后再开始考试。</source>
        <translation>考试需要联网：当前无法连接平台，请检查网络后再开始考试。</translation>
    </message>
</context>
<context>
    <name>HandoutViewer</name>
    <message>
        <location filename="../views/handout_viewer.py" line="+111"/>
        <location line="+254"/>
        <source>讲义</source>
        <extracomment>None: fit the width; else a factor of the page's size at 96 dpi.</extracomment>
        <translation>讲义</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>上一页</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一页（PgUp）</source>
        <translation>上一页（PgUp）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页（PgDn）</source>
        <translation>下一页（PgDn）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缩小</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放大</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>适合宽度</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把讲义保存到您选择的文件夹</source>
        <translation>把讲义保存到您选择的文件夹</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>讲义页面</source>
        <translation>讲义页面</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>讲义 — {title}</source>
        <translation>讲义 — {title}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>讲义文件无法打开：文件可能已损坏或下载不完整。请关闭本窗口，再点击“讲义”重新下载；仍无法打开时请联系培训机构客服。</source>
        <translation>讲义文件无法打开：文件可能已损坏或下载不完整。请关闭本窗口，再点击“讲义”重新下载；仍无法打开时请联系培训机构客服。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>保存讲义</source>
        <translation>保存讲义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>讲义未能保存到该位置，请换一个文件夹再试。</source>
        <translation>讲义未能保存到该位置，请换一个文件夹再试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>讲义已保存到 {path}</source>
        <translation>讲义已保存到 {path}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>第 {page} / {count} 页</source>
        <translation>第 {page} / {count} 页</translation>
    </message>
</context>
<context>
    <name>HelpVideoPlayer</name>
    <message>
        <location filename="../views/help_videos.py" line="+69"/>
        <source>用户操作视频 — {title}</source>
        <translation>用户操作视频 — {title}</translation>
    </message>
</context>
<context>
    <name>HelpVideos</name>
    <message>
        <location filename="../models/help_videos.py" line="+52"/>
        <source>注册</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回答温馨提醒的两个问题，填写证件号码、姓名、手机号码和密码。</source>
        <translation>回答温馨提醒的两个问题，填写证件号码、姓名、手机号码和密码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>信息采集</source>
        <translation>信息采集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录后填写个人、学历、工作和专业技术资格信息并提交。</source>
        <translation>登录后填写个人、学历、工作和专业技术资格信息并提交。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>购买课程</source>
        <translation>购买课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在学习资源中选择培训机构，勾选当年的课程并扫码付款。</source>
        <translation>在学习资源中选择培训机构，勾选当年的课程并扫码付款。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选课</source>
        <translation>选课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在我的学习中为专业课选满学分，或使用一键选课。</source>
        <translation>在我的学习中为专业课选满学分，或使用一键选课。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>听课</source>
        <translation>听课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开课程，播放章节；播放器显示已计学时。</source>
        <translation>打开课程，播放章节；播放器显示已计学时。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>考试</source>
        <translation>考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公需课学完后在公需考试中开始考试，作答并交卷。</source>
        <translation>公需课学完后在公需考试中开始考试，作答并交卷。</translation>
    </message>
</context>
<context>
    <name>HelpVideosDialog</name>
    <message>
        <location filename="../views/help_videos.py" line="+28"/>
        <location line="+13"/>
        <location line="+6"/>
        <source>用户操作视频</source>
        <translation>用户操作视频</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>每段视频演示一个步骤。选择一段视频，然后点击“播放”。</source>
        <translation>每段视频演示一个步骤。选择一段视频，然后点击“播放”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{number}. {title}（{length}）</source>
        <translation>{number}. {title}（{length}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>播放</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打开视频所在文件夹</source>
        <translation>打开视频所在文件夹</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>找不到视频文件：{path}。请重新安装本软件。</source>
        <translation>找不到视频文件：{path}。请重新安装本软件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>也可以打开视频所在的文件夹，用其他播放器观看：{folder}</source>
        <translation>也可以打开视频所在的文件夹，用其他播放器观看：{folder}</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../views/history.py" line="+64"/>
        <source>往年继续教育查询</source>
        <translation>往年继续教育查询</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查询以往年度在广东省会计信息服务平台登记的继续教育记录。只能查询本人的记录；查询需要联网。</source>
        <translation>查询以往年度在广东省会计信息服务平台登记的继续教育记录。只能查询本人的记录；查询需要联网。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>身份证明号</source>
        <translation>身份证明号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码</source>
        <translation>验证码</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>往年继续教育记录</source>
        <translation>往年继续教育记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到符合条件的记录。</source>
        <translation>没有找到符合条件的记录。</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+30"/>
        <source>往年记录需要联网查询，请连接网络后重试。</source>
        <translation>往年记录需要联网查询，请连接网络后重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请输入身份证明号</source>
        <translation>请输入身份证明号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择年度</source>
        <translation>请选择年度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请输入验证码</source>
        <translation>请输入验证码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>正在查询往年继续教育记录…</source>
        <translation>正在查询往年继续教育记录…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>共 {count} 条记录</source>
        <translation>共 {count} 条记录</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>无法连接平台：往年记录需要联网查询，请连接网络后重试。</source>
        <translation>无法连接平台：往年记录需要联网查询，请连接网络后重试。</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../views/home.py" line="+32"/>
        <source>个人主页</source>
        <translation>个人主页</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>公需课</source>
        <translation>公需课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专业课</source>
        <translation>专业课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合计</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>正在加载个人主页…</source>
        <translation>正在加载个人主页…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前无法连接平台，显示的是上次保存的内容。</source>
        <translation>当前无法连接平台，显示的是上次保存的内容。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name}，您好！</source>
        <translation>{name}，您好！</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{year}年度继续教育</source>
        <translation>{year}年度继续教育</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>距{year}年度学分确认截止还有{days}天</source>
        <translation>距{year}年度学分确认截止还有{days}天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>今天是{year}年度学分确认截止日</source>
        <translation>今天是{year}年度学分确认截止日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年度学分确认已于{date}截止</source>
        <translation>{year}年度学分确认已于{date}截止</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>距截止仅剩{days}天，请尽快完成学习！过期不办理补学补登。</source>
        <translation>距截止仅剩{days}天，请尽快完成学习！过期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>距截止还有{days}天，请尽快完成学习</source>
        <translation>距截止还有{days}天，请尽快完成学习</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>正在读取您的学习情况…</source>
        <translation>正在读取您的学习情况…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步：信息采集</source>
        <translation>下一步：信息采集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先完成信息采集，采集通过后即可报名购买课程。</source>
        <translation>请先完成信息采集，采集通过后即可报名购买课程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去信息采集</source>
        <translation>去信息采集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步：报名购买</source>
        <translation>下一步：报名购买</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请在“学习资源”中选择培训机构，购买{year}年度的公需课和专业课。</source>
        <translation>请在“学习资源”中选择培训机构，购买{year}年度的公需课和专业课。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>去报名购买</source>
        <translation>去报名购买</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下一步：选课</source>
        <translation>下一步：选课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{title}”还需选{credits}学分，选满后即可开始学习。</source>
        <translation>“{title}”还需选{credits}学分，选满后即可开始学习。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>去选课</source>
        <translation>去选课</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>公需课还需{credits}学分</source>
        <translation>公需课还需{credits}学分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>专业课还需{credits}学分</source>
        <translation>专业课还需{credits}学分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>下一步：听课学习</source>
        <translation>下一步：听课学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请继续听课学习：{parts}。</source>
        <translation>请继续听课学习：{parts}。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>，</source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去听课学习</source>
        <translation>去听课学习</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步：参加公需考试</source>
        <translation>下一步：参加公需考试</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>公需课已学完，请参加公需考试（{mark}分合格），通过后公需课学分才能回传。</source>
        <translation>公需课已学完，请参加公需考试（{mark}分合格），通过后公需课学分才能回传。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>公需课已学完，请参加公需考试（通常{mark}分合格，以试卷为准），通过后公需课学分才能回传。</source>
        <translation>公需课已学完，请参加公需考试（通常{mark}分合格，以试卷为准），通过后公需课学分才能回传。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>参加公需考试</source>
        <translation>参加公需考试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步：等待学分回传</source>
        <translation>下一步：等待学分回传</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本年度学分已达到要求，培训机构会自动回传学分，无需申报。可在“继续教育情况”中查看进度。</source>
        <translation>本年度学分已达到要求，培训机构会自动回传学分，无需申报。可在“继续教育情况”中查看进度。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>查看继续教育情况</source>
        <translation>查看继续教育情况</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{year}年度学分确认已截止</source>
        <translation>{year}年度学分确认已截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年度未在截止日前达到学分要求，过期不办理补学补登。</source>
        <translation>{year}年度未在截止日前达到学分要求，过期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本年度已完成</source>
        <translation>本年度已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{year}年度的公需课和专业课学分均已回传成功。</source>
        <translation>{year}年度的公需课和专业课学分均已回传成功。</translation>
    </message>
</context>
<context>
    <name>ImageField</name>
    <message>
        <location filename="../views/profile/image_field.py" line="+34"/>
        <source>未选择图片
可拖放图片到此处</source>
        <translation>未选择图片
可拖放图片到此处</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择图片…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>JPG/PNG 图片，大小不超过 {size}（过大的图片会自动压缩）</source>
        <translation>JPG/PNG 图片，大小不超过 {size}（过大的图片会自动压缩）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>更换图片…</source>
        <translation>更换图片…</translation>
    </message>
</context>
<context>
    <name>IneligiblePage</name>
    <message>
        <location filename="../views/registration.py" line="+44"/>
        <source>无法注册</source>
        <translation>无法注册</translation>
    </message>
</context>
<context>
    <name>InstitutionTableModel</name>
    <message>
        <location filename="../models/institution_table.py" line="+26"/>
        <source>地区</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构名称</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客服电话</source>
        <translation>客服电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>去学习 ›</source>
        <translation>去学习 ›</translation>
    </message>
</context>
<context>
    <name>InstitutionsView</name>
    <message>
        <location filename="../views/institutions.py" line="+118"/>
        <source>学习资源</source>
        <translation>学习资源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>专业课</source>
        <translation>专业课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公需课</source>
        <translation>公需课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>课程类别</source>
        <translation>课程类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>远程机构</source>
        <translation>远程机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>面授机构</source>
        <translation>面授机构</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请输入机构名称</source>
        <translation>请输入机构名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按机构名称搜索</source>
        <translation>按机构名称搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>年度：</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>机构列表</source>
        <translation>机构列表</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选中机构后按回车键或点击“去学习”进入网上报名。</source>
        <translation>选中机构后按回车键或点击“去学习”进入网上报名。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>正在加载机构列表…</source>
        <translation>正在加载机构列表…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{year}年</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>当前无法连接平台，显示的是上次保存的机构列表。</source>
        <translation>当前无法连接平台，显示的是上次保存的机构列表。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前无法连接平台，且本机没有保存过该条件下的机构列表。请联网后重试。</source>
        <translation>当前无法连接平台，且本机没有保存过该条件下的机构列表。请联网后重试。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>该条件下暂无培训机构。</source>
        <translation>该条件下暂无培训机构。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有名称包含“{text}”的机构。</source>
        <translation>没有名称包含“{text}”的机构。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {count} 家机构</source>
        <translation>共 {count} 家机构</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>需要联网才能补充个人信息，请连接网络后重试。</source>
        <translation>需要联网才能补充个人信息，请连接网络后重试。</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../views/profile/intro.py" line="+13"/>
        <source>本人郑重承诺所填资料真实准确，如因填报资料失实，本人愿意承担由此产生的相关责任，本人所填写的资料将视为有效，并记入诚信档案。</source>
        <translation>本人郑重承诺所填资料真实准确，如因填报资料失实，本人愿意承担由此产生的相关责任，本人所填写的资料将视为有效，并记入诚信档案。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>信息采集</source>
        <translation>信息采集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>采集范围</source>
        <translation>采集范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>采集办理对象：广东省内（不含深圳市）的会计人员，具体包括：&lt;br&gt;1、在职会计人员（含单位负责人、会计机构负责人、从事会计工作的人员）；&lt;br&gt;2、具有会计专业技术资格（含初级、中级、高级）但未从事会计工作的人员；&lt;br&gt;3、在校会计专业学生。</source>
        <translation>采集办理对象：广东省内（不含深圳市）的会计人员，具体包括：&lt;br&gt;1、在职会计人员（含单位负责人、会计机构负责人、从事会计工作的人员）；&lt;br&gt;2、具有会计专业技术资格（含初级、中级、高级）但未从事会计工作的人员；&lt;br&gt;3、在校会计专业学生。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>收集材料</source>
        <translation>收集材料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1、按照要求上传正确附件：JPG/PNG 图片（上传时统一转换为 JPEG 格式），每张大小不超过 {size}（过大的图片会自动压缩）；&lt;br&gt;2、身份证正反面照片；&lt;br&gt;3、本人免冠照片；&lt;br&gt;4、如果是在校学生，需上传学生证。</source>
        <translation>1、按照要求上传正确附件：JPG/PNG 图片（上传时统一转换为 JPEG 格式），每张大小不超过 {size}（过大的图片会自动压缩）；&lt;br&gt;2、身份证正反面照片；&lt;br&gt;3、本人免冠照片；&lt;br&gt;4、如果是在校学生，需上传学生证。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>我已阅读并承诺以上内容</source>
        <translation>我已阅读并承诺以上内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <location filename="../views/invoice_dialog.py" line="+132"/>
        <source>订单编号：{number}　金额：{amount}</source>
        <translation>订单编号：{number}　金额：{amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+159"/>
        <source>个人</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+157"/>
        <source>单位</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-145"/>
        <location line="+21"/>
        <location line="+124"/>
        <source>抬头类型</source>
        <translation>抬头类型</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>用于接收电子发票，例如 name@example.com</source>
        <translation>用于接收电子发票，例如 name@example.com</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+123"/>
        <source>发票抬头</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+124"/>
        <source>纳税人识别号</source>
        <translation>纳税人识别号</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+124"/>
        <source>邮箱</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>提交申请</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>下载电子发票</source>
        <translation>下载电子发票</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>申请发票</source>
        <translation>申请发票</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>发票详情</source>
        <translation>发票详情</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>已开具</source>
        <translation>已开具</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>已申请</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不可申请</source>
        <translation>不可申请</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>未申请</source>
        <translation>未申请</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>可在{deadline}前申请（支付后{months}个月内）；电子发票将在{days}个工作日内发送到您的邮箱。</source>
        <translation>可在{deadline}前申请（支付后{months}个月内）；电子发票将在{days}个工作日内发送到您的邮箱。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{length}位统一社会信用代码</source>
        <translation>{length}位统一社会信用代码</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>订单编号</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票状态</source>
        <translation>发票状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>申请时间</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>开具时间</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票号码</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请截止</source>
        <translation>申请截止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>：</source>
        <translation>：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>电子发票将在申请后的{days}个工作日之内发送到{email}。</source>
        <translation>电子发票将在申请后的{days}个工作日之内发送到{email}。</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>发票申请已提交，电子发票将在{days}个工作日内发送到{email}。</source>
        <translation>发票申请已提交，电子发票将在{days}个工作日内发送到{email}。</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+29"/>
        <source>需要联网才能申请发票，请连接网络后重试。您填写的内容不会丢失。</source>
        <translation>需要联网才能申请发票，请连接网络后重试。您填写的内容不会丢失。</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>正在提交发票申请…</source>
        <translation>正在提交发票申请…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>保存电子发票</source>
        <translation>保存电子发票</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>需要联网才能下载电子发票，请连接网络后重试。</source>
        <translation>需要联网才能下载电子发票，请连接网络后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>电子发票_{number}.pdf</source>
        <translation>电子发票_{number}.pdf</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>正在下载电子发票…</source>
        <translation>正在下载电子发票…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>电子发票已保存到 {path}</source>
        <translation>电子发票已保存到 {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法保存文件，请选择其他位置后重试。（{error}）</source>
        <translation>无法保存文件，请选择其他位置后重试。（{error}）</translation>
    </message>
</context>
<context>
    <name>LearnerInfoDialog</name>
    <message>
        <location filename="../views/learner_info.py" line="+26"/>
        <source>补充修改个人信息</source>
        <translation>补充修改个人信息</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>根据“{name}”的培训要求，以下信息请您补充完毕之后方可参加培训学习。请务必如实填写。</source>
        <translation>根据“{name}”的培训要求，以下信息请您补充完毕之后方可参加培训学习。请务必如实填写。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>与账号一致，不可修改</source>
        <translation>与账号一致，不可修改</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{length} 位手机号码</source>
        <translation>{length} 位手机号码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在地区</source>
        <translation>所在地区</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>确定</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在加载个人信息…</source>
        <translation>正在加载个人信息…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>请选择区县</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在保存个人信息…</source>
        <translation>正在保存个人信息…</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../views/login.py" line="+44"/>
        <source>周一至周五 9:00-12:00，14:00-17:30</source>
        <translation>周一至周五 9:00-12:00，14:00-17:30</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+134"/>
        <location line="+113"/>
        <source>请输入证件号码</source>
        <translation>请输入证件号码</translation>
    </message>
    <message>
        <location line="-242"/>
        <location line="+249"/>
        <source>请输入密码</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>记住我（下次自动登录）</source>
        <translation>记住我（下次自动登录）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>工作人员登录</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>培训机构前台工作人员使用用户名登录</source>
        <translation>培训机构前台工作人员使用用户名登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+156"/>
        <source>登 录</source>
        <translation>登 录</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>忘记密码？</source>
        <translation>忘记密码？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>用户注册</source>
        <translation>用户注册</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>重试</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>用户登录</source>
        <translation>用户登录</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+81"/>
        <source>证件号</source>
        <translation>证件号</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码</source>
        <translation>验证码</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;h3&gt;温馨提示&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;如果您还没注册，请点击“用户注册”；已注册的用户请直接登录。忘记密码请点击“忘记密码”找回。&lt;/li&gt;&lt;li&gt;客服电话：{phone}&lt;br&gt;工作时间：{hours}&lt;/li&gt;&lt;li&gt;学习完成前务必完成信息采集，否则无法查询继续教育记录。&lt;/li&gt;&lt;li&gt;用户操作手册、用户操作视频：见“帮助”菜单。&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;温馨提示&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;如果您还没注册，请点击“用户注册”；已注册的用户请直接登录。忘记密码请点击“忘记密码”找回。&lt;/li&gt;&lt;li&gt;客服电话：{phone}&lt;br&gt;工作时间：{hours}&lt;/li&gt;&lt;li&gt;学习完成前务必完成信息采集，否则无法查询继续教育记录。&lt;/li&gt;&lt;li&gt;用户操作手册、用户操作视频：见“帮助”菜单。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+113"/>
        <source>请输入用户名</source>
        <translation>请输入用户名</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+70"/>
        <source>正在连接平台…</source>
        <translation>正在连接平台…</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>这是前台电脑：学员的登录不会被记住，退出登录后不保留学员的资料。</source>
        <translation>这是前台电脑：学员的登录不会被记住，退出登录后不保留学员的资料。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此电脑没有可用的系统钥匙串，无法记住登录状态；每次启动都需要重新登录。</source>
        <translation>此电脑没有可用的系统钥匙串，无法记住登录状态；每次启动都需要重新登录。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>无法连接平台</source>
        <translation>无法连接平台</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>请输入验证码</source>
        <translation>请输入验证码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在登录…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="+73"/>
        <source>广东省会计人员继续教育 · KJCE Desktop</source>
        <translation>广东省会计人员继续教育 · KJCE Desktop</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>工具(&amp;T)</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置(&amp;S)…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>复制诊断信息(&amp;D)</source>
        <translation>复制诊断信息(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>帮助(&amp;H)</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>用户操作手册</source>
        <translation>用户操作手册</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>关于 KJCE Desktop</source>
        <translation>关于 KJCE Desktop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户操作视频(&amp;V)</source>
        <translation>用户操作视频(&amp;V)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>● 正在连接</source>
        <translation>● 正在连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● 在线</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● 离线（已保存的内容将在联网后同步）</source>
        <translation>● 离线（已保存的内容将在联网后同步）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>1. 用户注册：回答温馨提醒中的两个问题，填写证件号码、姓名、手机号码和密码。
2. 信息采集：登录后先完成信息采集（行政区域关系到学分传送，请慎重选择）。
3. 学习资源：选择培训机构，购买当年的公需课和专业课。
4. 选课与听课：专业课选满 {credits} 学分后开始学习；公需课学完后参加考试（通常 {mark} 分合格，以试卷为准）。
5. 继续教育情况：学分由培训机构自动报送，学员无需自行申报。

客服电话：{phone}（{hours}）</source>
        <translation>1. 用户注册：回答温馨提醒中的两个问题，填写证件号码、姓名、手机号码和密码。
2. 信息采集：登录后先完成信息采集（行政区域关系到学分传送，请慎重选择）。
3. 学习资源：选择培训机构，购买当年的公需课和专业课。
4. 选课与听课：专业课选满 {credits} 学分后开始学习；公需课学完后参加考试（通常 {mark} 分合格，以试卷为准）。
5. 继续教育情况：学分由培训机构自动报送，学员无需自行申报。

客服电话：{phone}（{hours}）</translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <location filename="../views/desk/admin.py" line="-350"/>
        <source>新增工作人员</source>
        <translation>新增工作人员</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{least}–{most} 位小写字母、数字或 . _ -</source>
        <translation>{least}–{most} 位小写字母、数字或 . _ -</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>创建</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>正在创建工作人员账号…</source>
        <translation>正在创建工作人员账号…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已创建 {name}（用户名 {username}）。初始密码只显示这一次，请当面交给本人；首次登录时必须修改密码。</source>
        <translation>已创建 {name}（用户名 {username}）。初始密码只显示这一次，请当面交给本人；首次登录时必须修改密码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完成</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../models/order_table.py" line="+61"/>
        <source>订单编号</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下单时间</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已购课程</source>
        <translation>已购课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>支付状态</source>
        <translation>支付状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票状态</source>
        <translation>发票状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>待支付</source>
        <translation>待支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已支付</source>
        <translation>已支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>微信支付</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>支付宝</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡</source>
        <translation>学习卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免费</source>
        <translation>免费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已过截止日期，款项 {amount} 将原路退回（{method}）</source>
        <translation>已过截止日期，款项 {amount} 将原路退回（{method}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>款项 {amount} 将原路退回（{method}）</source>
        <translation>款项 {amount} 将原路退回（{method}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待退款</source>
        <translation>待退款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{status}（{method}）</source>
        <translation>{status}（{method}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未申请</source>
        <translation>未申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已申请</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已开具</source>
        <translation>已开具</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不可申请</source>
        <translation>不可申请</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../views/orders.py" line="+71"/>
        <source>我的订单</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>温馨提醒：自购买之日起，可在{months}个月内申请发票，逾期不可补开。电子发票会在申请后的{days}个工作日之内发送到邮箱。学习卡开发票请联系您的开发商。</source>
        <translation>温馨提醒：自购买之日起，可在{months}个月内申请发票，逾期不可补开。电子发票会在申请后的{days}个工作日之内发送到邮箱。学习卡开发票请联系您的开发商。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>订单列表</source>
        <translation>订单列表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>继续支付</source>
        <translation>继续支付</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>正在加载订单…</source>
        <translation>正在加载订单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前无法连接平台，显示的是上次保存的订单。</source>
        <translation>当前无法连接平台，显示的是上次保存的订单。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>共 {count} 个订单</source>
        <translation>共 {count} 个订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂无订单。在“学习资源”中选择机构后即可购买课程。</source>
        <translation>暂无订单。在“学习资源”中选择机构后即可购买课程。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>订单 {number}：{text}。</source>
        <translation>订单 {number}：{text}。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>需要联网才能支付，请连接网络后重试。</source>
        <translation>需要联网才能支付，请连接网络后重试。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>申请发票</source>
        <translation>申请发票</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>申请发票：订单{number}</source>
        <translation>申请发票：订单{number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>查看详情</source>
        <translation>查看详情</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>查看详情：订单{number}</source>
        <translation>查看详情：订单{number}</translation>
    </message>
</context>
<context>
    <name>PackageTableModel</name>
    <message>
        <location filename="../models/package_table.py" line="+50"/>
        <source>选择</source>
        <translation>选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习类型名称</source>
        <translation>学习类型名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分</source>
        <translation>学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭时间</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学费</source>
        <translation>学费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已购买</source>
        <translation>已购买</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已截止</source>
        <translation>已截止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待支付</source>
        <translation>待支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可购买</source>
        <translation>可购买</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{year}年</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>免费</source>
        <translation>免费</translation>
    </message>
</context>
<context>
    <name>PasswordResetDialog</name>
    <message>
        <location filename="../views/password_reset.py" line="+74"/>
        <source>找回密码</source>
        <translation>找回密码</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请输入注册时填写的证件号码和手机号码，我们将向该手机发送验证码。</source>
        <translation>请输入注册时填写的证件号码和手机号码，我们将向该手机发送验证码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码</source>
        <translation>验证码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>获取验证码</source>
        <translation>获取验证码</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>至少 {length} 位，须同时包含字母和数字</source>
        <translation>至少 {length} 位，须同时包含字母和数字</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>短信验证码</source>
        <translation>短信验证码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认新密码</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置密码</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请输入证件号码</source>
        <translation>请输入证件号码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请输入验证码</source>
        <translation>请输入验证码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在发送验证码…</source>
        <translation>正在发送验证码…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>验证码已发送至手机 {phone}，10 分钟内有效。</source>
        <translation>验证码已发送至手机 {phone}，10 分钟内有效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本地演示平台没有短信网关，短信内容如下：
{text}</source>
        <translation>本地演示平台没有短信网关，短信内容如下：
{text}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请输入 {length} 位数字验证码</source>
        <translation>请输入 {length} 位数字验证码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>两次输入的密码不一致</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在重置密码…</source>
        <translation>正在重置密码…</translation>
    </message>
</context>
<context>
    <name>PastRecordModel</name>
    <message>
        <location filename="../models/past_record_table.py" line="+26"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证明号</source>
        <translation>身份证明号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续教育类型</source>
        <translation>继续教育类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>成绩/学分</source>
        <translation>成绩/学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{score}分</source>
        <translation>{score}分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{credits}学分</source>
        <translation>{credits}学分</translation>
    </message>
</context>
<context>
    <name>PersonalPage</name>
    <message>
        <location filename="../views/profile/personal.py" line="+20"/>
        <source>完善所有模块的必填信息（带红点的为必填项），方可提交成功。</source>
        <translation>完善所有模块的必填信息（带红点的为必填项），方可提交成功。</translation>
    </message>
</context>
<context>
    <name>PhotoSlot</name>
    <message>
        <location filename="../views/desk/photo_sources.py" line="-183"/>
        <location line="+148"/>
        <source>未选择图片</source>
        <translation>未选择图片</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>从文件选择…</source>
        <translation>从文件选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫描仪文件夹</source>
        <translation>扫描仪文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>用摄像头拍摄</source>
        <translation>用摄像头拍摄</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>等待扫描仪：请将证件放入扫描仪并扫描（{folder}）</source>
        <translation>等待扫描仪：请将证件放入扫描仪并扫描（{folder}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>等待扫描仪</source>
        <translation>等待扫描仪</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+7"/>
        <source>正在处理图片…</source>
        <translation>正在处理图片…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已选择</source>
        <translation>已选择</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法读取该图片</source>
        <translation>无法读取该图片</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../views/placeholder.py" line="+16"/>
        <source>「{title}」尚未开放，将在后续版本中提供。</source>
        <translation>「{title}」尚未开放，将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>PlayerWindow</name>
    <message>
        <location filename="../views/player.py" line="+217"/>
        <source>课程播放</source>
        <extracomment>How long the "cannot seek there" banner stays. Counting pauses for these, and the lecture pauses with it: nothing plays unseen (the learner would come back to a hole to find); it goes on when the window is back. The chapter's time as last read (credited, queued, not credited). Intervals handed out, numbered: those handed before a cache read was asked for are in that read (the journal writes them on the same serial cache lane first). Refusals whose notice the learner closed here (a read may predate the write). Whether the window counts as in the foreground (a seam for headless tests, where no window can be deactivated). Why the window paused the lecture itself (a key of AUTO_PAUSE_REASONS), if it did. Where counting stopped when the rate went above the credited one: back at the credited rate, playback returns to the first moment not counted since. The position the last poll fed the tracker (counting got at most that far). The chapter whose end asked for the next one (its course id, chapter id). The native window VLC draws into (0: none yet).</extracomment>
        <translation>课程播放</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>播放进度</source>
        <translation>播放进度</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>知道了</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>知道了：关闭未计学时提示</source>
        <translation>知道了：关闭未计学时提示</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+206"/>
        <location line="+66"/>
        <location line="+6"/>
        <location line="+51"/>
        <source>播放</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="-327"/>
        <source>播放/暂停（空格键）</source>
        <translation>播放/暂停（空格键）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+34"/>
        <source>音量</source>
        <translation>音量</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>音量（↑/↓ 键）</source>
        <translation>音量（↑/↓ 键）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>播放速度</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>播放速度（Alt+↓ 打开列表）</source>
        <translation>播放速度（Alt+↓ 打开列表）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全屏</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全屏（F 键；Esc 退出）</source>
        <translation>全屏（F 键；Esc 退出）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>讲义</source>
        <translation>讲义</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>讲义：查看本讲的讲义</source>
        <translation>讲义：查看本讲的讲义</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>倍速</source>
        <translation>倍速</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>上一讲已播放完毕，现在接着播放：{title}</source>
        <translation>上一讲已播放完毕，现在接着播放：{title}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>下载并查看本讲的讲义</source>
        <translation>下载并查看本讲的讲义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本讲没有讲义</source>
        <translation>本讲没有讲义</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>试听：</source>
        <translation>试听：</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+35"/>
        <location line="+121"/>
        <location line="+33"/>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>本机没有可用的音频设备，课程将静音播放，学时照常计算。</source>
        <translation>本机没有可用的音频设备，课程将静音播放，学时照常计算。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有找到可用的扬声器或耳机。接好音频设备后重新打开本软件即可听到声音。</source>
        <translation>没有找到可用的扬声器或耳机。接好音频设备后重新打开本软件即可听到声音。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>已回到播放窗口，视频继续播放并计时。</source>
        <translation>已回到播放窗口，视频继续播放并计时。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>倍速播放的部分不计学时：已回到 {time} 处，按正常速度继续学习。</source>
        <translation>倍速播放的部分不计学时：已回到 {time} 处，按正常速度继续学习。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>本讲已播放完毕，但倍速播放的部分不计学时。切换回 1× 后将从 {time} 处继续学习。</source>
        <translation>本讲已播放完毕，但倍速播放的部分不计学时。切换回 1× 后将从 {time} 处继续学习。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本讲已播放完毕，正在打开下一讲…</source>
        <translation>本讲已播放完毕，正在打开下一讲…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本讲已播放完毕，这是本课程的最后一讲。</source>
        <translation>本讲已播放完毕，这是本课程的最后一讲。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本讲已播放完毕。请在课程页点击下一讲的“播放”。</source>
        <translation>本讲已播放完毕。请在课程页点击下一讲的“播放”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+4"/>
        <source>正在下载讲义…</source>
        <translation>正在下载讲义…</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>试听不计学时</source>
        <translation>试听不计学时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已计学时 {credited} · 待确认 {pending} · 总时长 {total}</source>
        <translation>已计学时 {credited} · 待确认 {pending} · 总时长 {total}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>未计学时 {time}</source>
        <translation>未计学时 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这一讲有 {time} 未计入学时。{reasons}</source>
        <translation>这一讲有 {time} 未计入学时。{reasons}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>试听结束。购买并选择该课程后即可完整学习。</source>
        <translation>试听结束。购买并选择该课程后即可完整学习。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法播放该视频，请检查网络连接后重新打开。</source>
        <translation>无法播放该视频，请检查网络连接后重新打开。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>。视频也已暂停，回到本窗口后自动继续播放</source>
        <translation>。视频也已暂停，回到本窗口后自动继续播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；切换回 {rate}× 后将从 {time} 处继续计时</source>
        <translation>；切换回 {rate}× 后将从 {time} 处继续计时</translation>
    </message>
</context>
<context>
    <name>ProfessionalPage</name>
    <message>
        <location filename="../views/profile/professional.py" line="+17"/>
        <source>持有会计专业技术资格证书的，须填写证书编号和取得时间。</source>
        <translation>持有会计专业技术资格证书的，须填写证书编号和取得时间。</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../views/profile/view.py" line="+127"/>
        <source>上一步</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <source>还需完成</source>
        <translation>还需完成</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>正在加载…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>正在加载信息采集…</source>
        <translation>正在加载信息采集…</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+250"/>
        <source>待上传（提交时自动上传）</source>
        <translation>待上传（提交时自动上传）</translation>
    </message>
    <message>
        <location line="-242"/>
        <source>信息变更</source>
        <translation>信息变更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>信息采集</source>
        <translation>信息采集</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+227"/>
        <source>已上传（{w}×{h}）</source>
        <translation>已上传（{w}×{h}）</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>{label}：{message}</source>
        <translation>{label}：{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部必填信息已完善，可以提交。</source>
        <translation>全部必填信息已完善，可以提交。</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+6"/>
        <source>正在处理图片…</source>
        <translation>正在处理图片…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>正在上传…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在上传图片…</source>
        <translation>正在上传图片…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>正在提交…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已上传</source>
        <translation>已上传</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>提交未成功：还有 {n} 项需要完善，请按提示修改。</source>
        <translation>提交未成功：还有 {n} 项需要完善，请按提示修改。</translation>
    </message>
</context>
<context>
    <name>RecordCard</name>
    <message>
        <location filename="../views/records.py" line="+24"/>
        <source>学分记录详情</source>
        <translation>学分记录详情</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{kind}学分记录详情</source>
        <translation>{kind}学分记录详情</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{kind}：{state}</source>
        <translation>{kind}：{state}</translation>
    </message>
</context>
<context>
    <name>RecordDetailModel</name>
    <message>
        <location filename="../models/record_table.py" line="+45"/>
        <source>行政区划</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习方式</source>
        <translation>学习方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分</source>
        <translation>学分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建时间</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核时间</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核状态</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RecordStepper</name>
    <message>
        <location filename="../views/record_stepper.py" line="+173"/>
        <source>回传进度：{count}/4</source>
        <translation>回传进度：{count}/4</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <location filename="../views/records.py" line="+29"/>
        <location line="+32"/>
        <source>继续教育情况</source>
        <translation>继续教育情况</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>年度</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度：</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出证书草稿(PDF)</source>
        <translation>导出证书草稿(PDF)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>正在加载继续教育记录…</source>
        <translation>正在加载继续教育记录…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>离线，显示的是上次同步的记录。</source>
        <translation>离线，显示的是上次同步的记录。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{year}年度</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{year}年度继续教育学分确认截止时间为{deadline}，过期不办理补学补登。</source>
        <translation>{year}年度继续教育学分确认截止时间为{deadline}，过期不办理补学补登。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>学分登记及申报均由培训机构自动报送至广东省会计信息服务平台，学员无需自行申报。</source>
        <translation>学分登记及申报均由培训机构自动报送至广东省会计信息服务平台，学员无需自行申报。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学习完成前务必保证已信息采集，否则无法查询继续教育记录。</source>
        <translation>学习完成前务必保证已信息采集，否则无法查询继续教育记录。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{year}年度暂无继续教育记录。</source>
        <translation>{year}年度暂无继续教育记录。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>将本年度的学分记录导出为PDF草稿，供核对。</source>
        <translation>将本年度的学分记录导出为PDF草稿，供核对。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本年度尚无已回传的学分记录：培训机构回传后即可导出证书草稿。</source>
        <translation>本年度尚无已回传的学分记录：培训机构回传后即可导出证书草稿。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出证书草稿</source>
        <translation>导出证书草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>无法保存证书草稿：{reason}</source>
        <translation>无法保存证书草稿：{reason}</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>正在保存证书草稿…</source>
        <translation>正在保存证书草稿…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>证书草稿已保存：{path}</source>
        <translation>证书草稿已保存：{path}</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../views/profile/region.py" line="+45"/>
        <location line="+4"/>
        <source>地级市</source>
        <translation>地级市</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+3"/>
        <source>区县</source>
        <translation>区县</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>请选择地级市</source>
        <translation>请选择地级市</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+12"/>
        <source>请选择区县</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请确认所选的行政区域</source>
        <translation>请确认所选的行政区域</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>确认行政区域</source>
        <translation>确认行政区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您选择的行政区域是：{place}。

继续教育学分将传送至该区域，请确认选择无误。</source>
        <translation>您选择的行政区域是：{place}。

继续教育学分将传送至该区域，请确认选择无误。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确认</source>
        <translation>确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新选择</source>
        <translation>重新选择</translation>
    </message>
</context>
<context>
    <name>RegistrationWizard</name>
    <message>
        <location filename="../views/registration.py" line="+268"/>
        <source>用户注册</source>
        <translation>用户注册</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一步</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <location filename="../views/profile/section.py" line="+57"/>
        <source>信息采集表</source>
        <translation>信息采集表</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>此项来自注册信息，不能在此修改</source>
        <translation>此项来自注册信息，不能在此修改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请选择</source>
        <translation>请选择</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/settings_dialog.py" line="+78"/>
        <source>设置</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>跟随系统</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浅色</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>深色</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下载完成或学分确认截止临近时提醒我(&amp;N)</source>
        <translation>下载完成或学分确认截止临近时提醒我(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>语言(&amp;L)：</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>语言</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文字大小(&amp;T)：</source>
        <translation>文字大小(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>文字大小</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外观(&amp;A)：</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外观</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>通知：</source>
        <translation>通知：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>语言和文字大小在重新启动后生效。</source>
        <translation>语言和文字大小在重新启动后生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>设置已保存</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新的语言和文字大小将在重新启动 KJCE Desktop 后生效。现在重新启动吗？</source>
        <translation>新的语言和文字大小将在重新启动 KJCE Desktop 后生效。现在重新启动吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>立即重启</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>稍后</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../views/shell.py" line="+66"/>
        <source>账号信息</source>
        <translation>账号信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出登录</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>导航</source>
        <translation>导航</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人主页</source>
        <translation>个人主页</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+157"/>
        <source>信息采集</source>
        <translation>信息采集</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>继续教育</source>
        <translation>继续教育</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我的学习</source>
        <translation>我的学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公需考试</source>
        <translation>公需考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习资源</source>
        <translation>学习资源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我的订单</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续教育情况</source>
        <translation>继续教育情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>往年继续教育查询</source>
        <translation>往年继续教育查询</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>信息已采集</source>
        <translation>信息已采集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>信息未采集</source>
        <translation>信息未采集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>信息变更</source>
        <translation>信息变更</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../views/desk/slip.py" line="+55"/>
        <source>学员登记回执</source>
        <translation>学员登记回执</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>回执含初始密码：保存的 PDF 打印交给学员后请删除。</source>
        <translation>回执含初始密码：保存的 PDF 打印交给学员后请删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存PDF</source>
        <translation>保存PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>保存回执 PDF</source>
        <translation>保存回执 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>正在保存回执…</source>
        <translation>正在保存回执…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无法保存回执：{reason}</source>
        <translation>无法保存回执：{reason}</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <location filename="../models/staff_table.py" line="+26"/>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建时间</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近登录</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已停用</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正常</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>StepItem</name>
    <message>
        <location filename="../views/record_stepper.py" line="-57"/>
        <source>等待中</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>联系电话 {phone}</source>
        <translation>联系电话 {phone}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{who}：{what}</source>
        <translation>{who}：{what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，{when}</source>
        <translation>，{when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，联系电话 {phone}</source>
        <translation>，联系电话 {phone}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who}：等待中（尚未{what}）</source>
        <translation>{who}：等待中（尚未{what}）</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <location filename="../views/profile/stepper.py" line="+12"/>
        <source>个人信息</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>第一步</source>
        <translation>第一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学历信息</source>
        <translation>学历信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>第二步</source>
        <translation>第二步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作信息</source>
        <translation>工作信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>第三步</source>
        <translation>第三步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专业技术信息</source>
        <translation>专业技术信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>第四步</source>
        <translation>第四步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>（当前步骤）</source>
        <translation>（当前步骤）</translation>
    </message>
</context>
<context>
    <name>StorageView</name>
    <message>
        <location filename="../views/storage.py" line="+53"/>
        <source>‹ 返回</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下载管理</source>
        <translation>下载管理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>课程</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>章节</source>
        <translation>章节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>大小</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已下载的章节</source>
        <translation>已下载的章节</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>还没有下载的章节。在课程页点击“下载”，即可离线学习。</source>
        <translation>还没有下载的章节。在课程页点击“下载”，即可离线学习。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除：{title}</source>
        <translation>删除：{title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>共 {count} 个章节，占用 {size}</source>
        <translation>共 {count} 个章节，占用 {size}</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../views/study.py" line="+35"/>
        <location line="+38"/>
        <source>我的学习</source>
        <extracomment>Refusals whose notice the learner closed here (a read may predate the write).</extracomment>
        <translation>我的学习</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>知道了</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>知道了：关闭未计学时提示</source>
        <translation>知道了：关闭未计学时提示</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>正在加载我的学习…</source>
        <translation>正在加载我的学习…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前无法连接平台，显示的是上次保存的内容。</source>
        <translation>当前无法连接平台，显示的是上次保存的内容。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在加载学习进度…</source>
        <translation>正在加载学习进度…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{year}年度继续教育：公需科目不少于{public}学分，专业科目不少于{professional}学分。请在每个已购课程包中选课，所选课程的学分达到要求后即可开始学习。</source>
        <translation>{year}年度继续教育：公需科目不少于{public}学分，专业科目不少于{professional}学分。请在每个已购课程包中选课，所选课程的学分达到要求后即可开始学习。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>您还没有购买{year}年度的课程。请在“学习资源”中选择机构，购买后即可在这里选课。</source>
        <translation>您还没有购买{year}年度的课程。请在“学习资源”中选择机构，购买后即可在这里选课。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>有 {time} 的学习时间未计入学时。{reasons}</source>
        <translation>有 {time} 的学习时间未计入学时。{reasons}</translation>
    </message>
</context>
<context>
    <name>SubmitPage</name>
    <message>
        <location filename="../views/profile/submit.py" line="-38"/>
        <source>请核对以下信息，确认无误后点击“提交”。</source>
        <translation>请核对以下信息，确认无误后点击“提交”。</translation>
    </message>
</context>
<context>
    <name>TrayDelegate</name>
    <message>
        <location filename="../views/course_selection.py" line="-561"/>
        <source>{credits} 学分</source>
        <translation>{credits} 学分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>必修</source>
        <translation>必修</translation>
    </message>
</context>
<context>
    <name>TrayModel</name>
    <message>
        <location filename="../models/catalog_model.py" line="+113"/>
        <source>{title}（{credits} 学分）</source>
        <translation>{title}（{credits} 学分）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{credits} 学分</source>
        <translation>{credits} 学分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>必修</source>
        <translation>必修</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message>
        <location filename="../views/error_dialog.py" line="+68"/>
        <source>出错了</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>程序遇到了意外错误，刚才的操作可能没有完成。您可以继续使用；如问题反复出现，请点击“复制诊断信息”，把内容粘贴给客服。</source>
        <translation>程序遇到了意外错误，刚才的操作可能没有完成。您可以继续使用；如问题反复出现，请点击“复制诊断信息”，把内容粘贴给客服。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>复制诊断信息</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在收集诊断信息…</source>
        <translation>正在收集诊断信息…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>诊断信息已复制到剪贴板，可粘贴给客服。</source>
        <translation>诊断信息已复制到剪贴板，可粘贴给客服。</translation>
    </message>
</context>
<context>
    <name>WalkInFormView</name>
    <message>
        <location filename="../views/desk/walk_in_form.py" line="+62"/>
        <source>个人信息</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学历信息</source>
        <translation>学历信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作信息</source>
        <translation>工作信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专业技术资格</source>
        <translation>专业技术资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区域</source>
        <translation>行政区域</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+1"/>
        <source>新增学员（现场登记）</source>
        <translation>新增学员（现场登记）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交登记</source>
        <translation>提交登记</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>问题1：是</source>
        <translation>问题1：是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题1：否</source>
        <translation>问题1：否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题2：是</source>
        <translation>问题2：是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题2：否</source>
        <translation>问题2：否</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>资格确认</source>
        <translation>资格确认</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>证件类型</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证件号码即学员的登录账号；初始密码由平台生成，登记后显示一次。</source>
        <translation>证件号码即学员的登录账号；初始密码由平台生成，登记后显示一次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>账号</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>JPG/PNG 图片，过大的图片会自动压缩至 {size} 以内。图片只保存在内存中，不会留在本机。</source>
        <translation>JPG/PNG 图片，过大的图片会自动压缩至 {size} 以内。图片只保存在内存中，不会留在本机。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证件照片</source>
        <translation>证件照片</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>学员已阅读并承诺以上内容</source>
        <translation>学员已阅读并承诺以上内容</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>承诺书</source>
        <translation>承诺书</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>正在加载行政区域…</source>
        <translation>正在加载行政区域…</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>还有 {n} 项需要完善，请按提示修改。</source>
        <translation>还有 {n} 项需要完善，请按提示修改。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在提交登记…</source>
        <translation>正在提交登记…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>放弃登记</source>
        <translation>放弃登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放弃本次登记？已填写的内容和照片将被清除。</source>
        <translation>放弃本次登记？已填写的内容和照片将被清除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>放弃并清除</source>
        <translation>放弃并清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续填写</source>
        <translation>继续填写</translation>
    </message>
</context>
<context>
    <name>WalkInTableModel</name>
    <message>
        <location filename="../models/walk_in_table.py" line="+27"/>
        <source>登记时间</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记人</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>订单</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未下单</source>
        <translation>未下单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待支付</source>
        <translation>待支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已支付</source>
        <translation>已支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>WatchJournal</name>
    <message>
        <location filename="../models/watch_journal.py" line="+484"/>
        <source>无法写入本机学习记录（磁盘已满或文件只读）。已保存的记录不受影响；请释放磁盘空间，新的记录会自动重试保存，请勿关闭程序。</source>
        <translation>无法写入本机学习记录（磁盘已满或文件只读）。已保存的记录不受影响；请释放磁盘空间，新的记录会自动重试保存，请勿关闭程序。</translation>
    </message>
</context>
<context>
    <name>_YesNo</name>
    <message>
        <location filename="../views/registration.py" line="-357"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>accessibility</name>
    <message>
        <location filename="../views/accessibility.py" line="+26"/>
        <source>必填</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>batch</name>
    <message>
        <location filename="../models/batch_import.py" line="-724"/>
        <source>批量登记</source>
        <translation>批量登记</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>照片文件名</source>
        <translation>照片文件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在广东省内（不含深圳市）从事会计工作</source>
        <translation>在广东省内（不含深圳市）从事会计工作</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+105"/>
        <source>是/否</source>
        <translation>是/否</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>未从事会计工作但在省内居住或学习并持有会计职称证书</source>
        <translation>未从事会计工作但在省内居住或学习并持有会计职称证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上一列为“否”时填写 是/否</source>
        <translation>上一列为“否”时填写 是/否</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+8"/>
        <source>居民身份证可不填</source>
        <translation>居民身份证可不填</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>如 广州市天河区 或 440106</source>
        <translation>如 广州市天河区 或 440106</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>学员已签署真实性承诺</source>
        <translation>学员已签署真实性承诺</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>在校学生填写照片文件名</source>
        <translation>在校学生填写照片文件名</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>找不到该行政区域，请填写如“广州市天河区”或 6 位区县代码</source>
        <translation>找不到该行政区域，请填写如“广州市天河区”或 6 位区县代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写“是”或“否”</source>
        <translation>请填写“是”或“否”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与第 {row} 行的证件号码重复</source>
        <translation>与第 {row} 行的证件号码重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写照片文件名</source>
        <translation>请填写照片文件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片文件夹中找不到 {name}</source>
        <translation>照片文件夹中找不到 {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} 不是 JPG 格式的图片（按文件内容检查）</source>
        <translation>{name} 不是 JPG 格式的图片（按文件内容检查）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} 超过 {size}</source>
        <translation>{name} 超过 {size}</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>导入已取消，此行未提交</source>
        <translation>导入已取消，此行未提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未提交：{reason}</source>
        <translation>未提交：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法连接平台服务</source>
        <translation>无法连接平台服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>连接中断，不确定是否已登记，请在今日登记列表中按姓名核对</source>
        <translation>连接中断，不确定是否已登记，请在今日登记列表中按姓名核对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登录已失效，请重新登录后导入其余各行</source>
        <translation>登录已失效，请重新登录后导入其余各行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片文件读取失败：{name}</source>
        <translation>照片文件读取失败：{name}</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>行号</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>初始密码</source>
        <translation>初始密码</translation>
    </message>
</context>
<context>
    <name>certificate</name>
    <message>
        <location filename="../models/certificate.py" line="-58"/>
        <source>本文件为草稿，仅供核对。正式的继续教育证书请登录“广东省专业技术人员继续教育管理”系统下载打印，并由单位盖章确认。</source>
        <translation>本文件为草稿，仅供核对。正式的继续教育证书请登录“广东省专业技术人员继续教育管理”系统下载打印，并由单位盖章确认。</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <location filename="../views/file_dialogs.py" line="+104"/>
        <source>不能保存到本程序的文件夹，请选择其他文件夹（例如“文档”）。</source>
        <translation>不能保存到本程序的文件夹，请选择其他文件夹（例如“文档”）。</translation>
    </message>
</context>
<context>
    <name>platform</name>
    <message>
        <location filename="../models/api.py" line="+185"/>
        <location filename="../platform_messages.py" line="+128"/>
        <source>请先登录</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>平台服务出现内部错误，请稍后重试</source>
        <translation>平台服务出现内部错误，请稍后重试</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+13"/>
        <location filename="../platform_messages.py" line="-32"/>
        <source>登录已失效，请重新登录</source>
        <translation>登录已失效，请重新登录</translation>
    </message>
    <message>
        <location filename="../platform_messages.py" line="-77"/>
        <source>一个订单只能包含同一培训机构的课程包</source>
        <translation>一个订单只能包含同一培训机构的课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支持此内容类型</source>
        <translation>不支持此内容类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支持此请求方法</source>
        <translation>不支持此请求方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能停用自己的账号</source>
        <translation>不能停用自己的账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专业课</source>
        <translation>专业课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仅限培训机构工作人员使用</source>
        <translation>仅限培训机构工作人员使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仅限机构管理员使用</source>
        <translation>仅限机构管理员使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公需课</source>
        <translation>公需课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原密码不正确</source>
        <translation>原密码不正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票尚未开具，开具后会发送至您的邮箱</source>
        <translation>发票尚未开具，开具后会发送至您的邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只能查询本人的继续教育记录</source>
        <translation>只能查询本人的继续教育记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一工作簿再导入一次不会改变任何内容；改正后的工作簿更新名称、视频和试题，但不拿走学员已有的东西：已选的课、学习进度、考试和成绩都保留，报告会写明保留了什么、为什么。</source>
        <translation>同一工作簿再导入一次不会改变任何内容；改正后的工作簿更新名称、视频和试题，但不拿走学员已有的东西：已选的课、学习进度、考试和成绩都保留，报告会写明保留了什么、为什么。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名、证件类型和证件号码须与注册账号一致，如需更改请联系管理员</source>
        <translation>姓名、证件类型和证件号码须与注册账号一致，如需更改请联系管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名须与注册账号一致</source>
        <translation>姓名须与注册账号一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习记录早于购买课程的时间</source>
        <translation>学习记录早于购买课程的时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习记录的时间晚于当前时间，请检查电脑时钟</source>
        <translation>学习记录的时间晚于当前时间，请检查电脑时钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习记录的时间段无效</source>
        <translation>学习记录的时间段无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习记录编号重复</source>
        <translation>学习记录编号重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分已达到要求，等待培训机构回传</source>
        <translation>学分已达到要求，等待培训机构回传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学分确认已完成，等待回传省专业技术人员继续教育平台</source>
        <translation>学分确认已完成，等待回传省专业技术人员继续教育平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入前先逐行检查全部内容和文件：有任何问题就一处也不写入，报告列出每个问题所在的表、行和列。</source>
        <translation>导入前先逐行检查全部内容和文件：有任何问题就一处也不写入，报告列出每个问题所在的表、行和列。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚未上传此附件</source>
        <translation>尚未上传此附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未选择该课程</source>
        <translation>尚未选择该课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员账号不能使用学员功能</source>
        <translation>工作人员账号不能使用学员功能</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已回传省专业技术人员继续教育平台，学分确认完成</source>
        <translation>已回传省专业技术人员继续教育平台，学分确认完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台服务未能启动，请重启本软件</source>
        <translation>平台服务未能启动，请重启本软件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台繁忙，请稍后重试</source>
        <translation>平台繁忙，请稍后重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为“是”或“否”</source>
        <translation>应为“是”或“否”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为数字</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为整数</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应为文本</source>
        <translation>应为文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>微信支付</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您已通过本年度公需考试，无需再次参加</source>
        <translation>您已通过本年度公需考试，无需再次参加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在区县</source>
        <translation>所在区县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报名资格</source>
        <translation>报名资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>播放速度超过允许的倍速，不计学时</source>
        <translation>播放速度超过允许的倍速，不计学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>播放链接无效或已过期，请重新打开</source>
        <translation>播放链接无效或已过期，请重新打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>支付宝</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件不存在</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件名不能包含路径</source>
        <translation>文件名不能包含路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码不能与原密码相同</source>
        <translation>新密码不能与原密码相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更新</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务器内部错误，请稍后再试</source>
        <translation>服务器内部错误，请稍后再试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构</source>
        <translation>机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式不正确</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式不正确，应为 JSON 对象</source>
        <translation>格式不正确，应为 JSON 对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式不正确，应为列表</source>
        <translation>格式不正确，应为列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在其他设备学习，同一时间只计一处学时；如果没有，请检查电脑时间是否被调整过</source>
        <translation>正在其他设备学习，同一时间只计一处学时；如果没有，请检查电脑时间是否被调整过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>每张表的第 2 行是示例（编号以 example 开头），未修改时导入会跳过；请改写或删除。</source>
        <translation>每张表的第 2 行是示例（编号以 example 开头），未修改时导入会跳过；请改写或删除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到该工作人员账号</source>
        <translation>没有找到该工作人员账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有权限执行此操作</source>
        <translation>没有权限执行此操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这个培训机构</source>
        <translation>没有这个培训机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这个已购课程包</source>
        <translation>没有这个已购课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这个章节</source>
        <translation>没有这个章节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这个订单</source>
        <translation>没有这个订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这个课程包</source>
        <translation>没有这个课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这位现场登记的学员</source>
        <translation>没有这位现场登记的学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这场考试</source>
        <translation>没有这场考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这次考试记录</source>
        <translation>没有这次考试记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这种附件</source>
        <translation>没有这种附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这笔支付</source>
        <translation>没有这笔支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有这门课程</source>
        <translation>没有这门课程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>章节</source>
        <translation>章节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号格式不正确</source>
        <translation>编号格式不正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号（课程包、课程、章节、题目）导入后就是平台上的编号，不要改；要换掉一门课或一讲，请用新的编号。</source>
        <translation>编号（课程包、课程、章节、题目）导入后就是平台上的编号，不要改；要换掉一门课或一讲，请用新的编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>考试</source>
        <translation>考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视频和讲义放在同一个文件夹（可有子文件夹），表中只填文件名；导入命令的第二个参数就是这个文件夹。</source>
        <translation>视频和讲义放在同一个文件夹（可有子文件夹），表中只填文件名；导入命令的第二个参数就是这个文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>角色应为工作人员或管理员</source>
        <translation>角色应为工作人员或管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码与手机号码不匹配，请核对后重新输入</source>
        <translation>证件号码与手机号码不匹配，请核对后重新输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码须与注册账号一致</source>
        <translation>证件号码须与注册账号一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>试题</source>
        <translation>试题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该用户名已被使用，请换一个</source>
        <translation>该用户名已被使用，请换一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该章节没有讲义</source>
        <translation>该章节没有讲义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该章节没有试听</source>
        <translation>该章节没有试听</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该订单尚未申请发票</source>
        <translation>该订单尚未申请发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该订单已不能支付，请刷新后重试</source>
        <translation>该订单已不能支付，请刷新后重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该订单已取消，请重新下单</source>
        <translation>该订单已取消，请重新下单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该订单已支付，无需重复支付</source>
        <translation>该订单已支付，无需重复支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该订单已申请发票，请勿重复申请</source>
        <translation>该订单已申请发票，请勿重复申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该证件号码已注册，请直接登录或找回密码</source>
        <translation>该证件号码已注册，请直接登录或找回密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该请求编号已用于另一项操作，请重新发起</source>
        <translation>该请求编号已用于另一项操作，请重新发起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该课程不在此课程包中</source>
        <translation>该课程不在此课程包中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该课程包已截止，不再计入学时</source>
        <translation>该课程包已截止，不再计入学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该账号已停用，请联系机构管理员</source>
        <translation>该账号已停用，请联系机构管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先修改初始密码</source>
        <translation>请先修改初始密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先完成信息采集（信息已采集后才能购买和学习）</source>
        <translation>请先完成信息采集（信息已采集后才能购买和学习）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请求内容不是有效的 JSON</source>
        <translation>请求内容不是有效的 JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请求内容过大</source>
        <translation>请求内容过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请求无效</source>
        <translation>请求无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请求的内容不存在</source>
        <translation>请求的内容不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请求的范围超出文件大小</source>
        <translation>请求的范围超出文件大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请求过于频繁，请稍后再试</source>
        <translation>请求过于频繁，请稍后再试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入验证码</source>
        <translation>请输入验证码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择广东省（深圳市除外）的区、县级行政区域</source>
        <translation>请选择广东省（深圳市除外）的区、县级行政区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>课程</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>课程包</source>
        <translation>课程包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>财政管理机构已审核，等待完成确认</source>
        <translation>财政管理机构已审核，等待完成确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>远程机构已回传，等待财政管理机构审核</source>
        <translation>远程机构已回传，等待财政管理机构审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件应为 base64 编码的 JPG 图片</source>
        <translation>附件应为 base64 编码的 JPG 图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>验证码错误次数过多，请重新获取</source>
        <translation>验证码错误次数过多，请重新获取</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>验证码不正确，请重新输入</source>
        <translation>验证码不正确，请重新输入</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>一个工作簿描述一个机构的课程：机构、课程包、课程、章节、试题五张表，外加本说明。</source>
        <translation>一个工作簿描述一个机构的课程：机构、课程包、课程、章节、试题五张表，外加本说明。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>验证码已失效，请点击图片换一张</source>
        <translation>验证码已失效，请点击图片换一张</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码无效或已过期，请重新获取</source>
        <translation>验证码无效或已过期，请重新获取</translation>
    </message>
</context>
<context>
    <name>platform-pattern</name>
    <message>
        <location line="+5"/>
        <source>{1} 年度没有继续教育安排</source>
        <translation>{1} 年度没有继续教育安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{1}年度公需考试已截止，过期不办理补学补登</source>
        <translation>{1}年度公需考试已截止，过期不办理补学补登</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{1}年度学分确认已于{2}截止，过期不办理补学补登</source>
        <translation>{1}年度学分确认已于{2}截止，过期不办理补学补登</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{1}，还可尝试{2}次</source>
        <translation>{1}，还可尝试{2}次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次最多 {1} 项，请分批提交</source>
        <translation>一次最多 {1} 项，请分批提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支持的 JPEG 编码（{1}），请用手机或画图软件另存为普通 JPG</source>
        <translation>不支持的 JPEG 编码（{1}），请用手机或画图软件另存为普通 JPG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不能大于 {1}</source>
        <translation>不能大于 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能小于 {1}</source>
        <translation>不能小于 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公需考试将于{1}开放</source>
        <translation>公需考试将于{1}开放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容过短，至少 {1} 个字符</source>
        <translation>内容过短，至少 {1} 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容过长，最多 {1} 个字符</source>
        <translation>内容过长，最多 {1} 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原密码错误次数过多，请 {1} 分钟后再试</source>
        <translation>原密码错误次数过多，请 {1} 分钟后再试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票抬头不能超过{1}个字</source>
        <translation>发票抬头不能超过{1}个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票须在支付后{1}个月内申请（截止{2}），已逾期不可补开</source>
        <translation>发票须在支付后{1}个月内申请（截止{2}），已逾期不可补开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台湾居民来往大陆通行证号码应为 {1} 位数字</source>
        <translation>台湾居民来往大陆通行证号码应为 {1} 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡卡号或密码错误次数过多，请 {1} 分钟后再试</source>
        <translation>学习卡卡号或密码错误次数过多，请 {1} 分钟后再试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实收金额应与订单金额 {1} 一致</source>
        <translation>实收金额应与订单金额 {1} 一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码不能超过 {1} 位</source>
        <translation>密码不能超过 {1} 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码至少 {1} 位，且须同时包含字母和数字</source>
        <translation>密码至少 {1} 位，且须同时包含字母和数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度应在{1}年至{2}年之间</source>
        <translation>年度应在{1}年至{2}年之间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您已购买“{1}”，无需重复购买</source>
        <translation>您已购买“{1}”，无需重复购买</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码应为以 1 开头的 {1} 位数字</source>
        <translation>手机号码应为以 1 开头的 {1} 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>护照号码应为 {1} 至 {2} 位字母或数字</source>
        <translation>护照号码应为 {1} 至 {2} 位字母或数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本平台暂未开通{1}，请选择其他支付方式或使用学习卡</source>
        <translation>本平台暂未开通{1}，请选择其他支付方式或使用学习卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名应为 {1} 至 {2} 位小写字母、数字或 . _ -</source>
        <translation>用户名应为 {1} 至 {2} 位小写字母、数字或 . _ -</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名或密码错误，还可尝试 {1} 次</source>
        <translation>用户名或密码错误，还可尝试 {1} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记信息有误{1}：{2}，{3}</source>
        <translation>登记信息有误{1}：{2}，{3}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纳税人识别号应为{1}位统一社会信用代码（数字或大写字母）</source>
        <translation>纳税人识别号应为{1}位统一社会信用代码（数字或大写字母）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至少 {1} 项</source>
        <translation>至少 {1} 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时已暂停：倍速播放超过 {1}× 不计学时</source>
        <translation>计时已暂停：倍速播放超过 {1}× 不计学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码应为 {1} 位</source>
        <translation>证件号码应为 {1} 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码或密码错误，还可尝试 {1} 次</source>
        <translation>证件号码或密码错误，还可尝试 {1} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该学习卡仅适用于“{1}”，不能支付本订单</source>
        <translation>该学习卡仅适用于“{1}”，不能支付本订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该学习卡属于{1}，不能支付{2}的订单</source>
        <translation>该学习卡属于{1}，不能支付{2}的订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该学习卡已于{1}使用</source>
        <translation>该学习卡已于{1}使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该学习卡适用于{1}年度，不能支付{2}年度的课程</source>
        <translation>该学习卡适用于{1}年度，不能支付{2}年度的课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该课程包已于{1}截止购买：{2}</source>
        <translation>该课程包已于{1}截止购买：{2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>账号已被锁定，请 {1} 分钟后再试</source>
        <translation>账号已被锁定，请 {1} 分钟后再试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还需学习{1}分钟才能参加考试</source>
        <translation>还需学习{1}分钟才能参加考试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件不能超过 {1}</source>
        <translation>附件不能超过 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首次在{1}学习，请先补充个人信息</source>
        <translation>首次在{1}学习，请先补充个人信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码不正确，还可尝试 {1} 次</source>
        <translation>验证码不正确，还可尝试 {1} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证码发送过于频繁，请 {1} 秒后再试</source>
        <translation>验证码发送过于频繁，请 {1} 秒后再试</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <location filename="../models/batch_import.py" line="-650"/>
        <location filename="../platform_messages.py" line="+158"/>
        <source>证件类型</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../platform_messages.py" line="-10"/>
        <source>证件号码</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../platform_messages.py" line="-92"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../platform_messages.py" line="+25"/>
        <source>手机号码</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../platform_messages.py" line="-4"/>
        <source>性别</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../platform_messages.py" line="-50"/>
        <source>出生日期</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../platform_messages.py" line="+52"/>
        <source>所在国家或地区</source>
        <translation>所在国家或地区</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="+29"/>
        <source>民族</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../platform_messages.py" line="+12"/>
        <source>电子邮箱</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../platform_messages.py" line="-26"/>
        <source>最高学历</source>
        <translation>最高学历</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../platform_messages.py" line="+13"/>
        <source>毕业院校</source>
        <translation>毕业院校</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../platform_messages.py" line="-27"/>
        <source>所学专业</source>
        <translation>所学专业</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../platform_messages.py" line="+26"/>
        <source>毕业时间</source>
        <translation>毕业时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="-86"/>
        <source>人员类别</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="+48"/>
        <source>工作单位（学校）</source>
        <translation>工作单位（学校）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../platform_messages.py" line="+65"/>
        <source>职务</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../platform_messages.py" line="-112"/>
        <source>会计专业技术资格</source>
        <translation>会计专业技术资格</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="+150"/>
        <source>资格证书编号</source>
        <translation>资格证书编号</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="-132"/>
        <source>取得时间</source>
        <translation>取得时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../platform_messages.py" line="+98"/>
        <source>行政区域</source>
        <translation>行政区域</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../platform_messages.py" line="+35"/>
        <source>身份证人像面</source>
        <translation>身份证人像面</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="+1"/>
        <source>身份证国徽面</source>
        <translation>身份证国徽面</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="-76"/>
        <source>本人免冠照片</source>
        <translation>本人免冠照片</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../platform_messages.py" line="-34"/>
        <source>学生证</source>
        <translation>学生证</translation>
    </message>
    <message>
        <location line="+221"/>
        <location filename="../platform_messages.py" line="+99"/>
        <source>请从列表中选择</source>
        <translation>请从列表中选择</translation>
    </message>
    <message>
        <location filename="../models/images.py" line="+39"/>
        <source>无法识别该文件，请选择 JPG 或 PNG 格式的图片</source>
        <translation>无法识别该文件，请选择 JPG 或 PNG 格式的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片像素过多（超过 6000 万像素），请另存为 JPG 或缩小后再选择</source>
        <translation>图片像素过多（超过 6000 万像素），请另存为 JPG 或缩小后再选择</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>图片尺寸异常（超过 2.5 亿像素），请换一张图片</source>
        <translation>图片尺寸异常（超过 2.5 亿像素），请换一张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已转换为普通 JPEG 编码</source>
        <translation>已转换为普通 JPEG 编码</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>已按拍摄方向自动旋转</source>
        <translation>已按拍摄方向自动旋转</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已转换为 JPEG 格式</source>
        <translation>已转换为 JPEG 格式</translation>
    </message>
    <message>
        <location filename="../models/walk_in.py" line="+43"/>
        <source>请回答资格确认问题</source>
        <translation>请回答资格确认问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该学员不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法登记</source>
        <translation>该学员不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法登记</translation>
    </message>
    <message>
        <location filename="../platform_messages.py" line="-158"/>
        <source>1. 您是否在广东省内（不含深圳市）从事会计工作？</source>
        <translation>1. 您是否在广东省内（不含深圳市）从事会计工作？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 位精度</source>
        <translation>12 位精度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. 虽然您未从事会计工作，但是否在广东省内（不含深圳市）居住或者学习，并持有会计专业技术资格（初、中、高、正高级）证书（非会计从业资格证书）？</source>
        <translation>2. 虽然您未从事会计工作，但是否在广东省内（不含深圳市）居住或者学习，并持有会计专业技术资格（初、中、高、正高级）证书（非会计从业资格证书）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{year}年度学分确认已于{deadline}截止，过期不办理补学补登</source>
        <translation>{year}年度学分确认已于{deadline}截止，过期不办理补学补登</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支持的 JPEG 编码（{coding}），请用手机或画图软件另存为普通 JPG</source>
        <translation>不支持的 JPEG 编码（{coding}），请用手机或画图软件另存为普通 JPG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能拖动到尚未学习的位置</source>
        <translation>不能拖动到尚未学习的位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人抬头不需要填写纳税人识别号</source>
        <translation>个人抬头不需要填写纳税人识别号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中专</source>
        <translation>中专</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国(内地)</source>
        <translation>中国(内地)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国(台湾)</source>
        <translation>中国(台湾)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国(澳门)</source>
        <translation>中国(澳门)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国(香港)</source>
        <translation>中国(香港)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中级</source>
        <translation>中级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>侗族</source>
        <translation>侗族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>傣族</source>
        <translation>傣族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免费订单无需开具发票</source>
        <translation>免费订单无需开具发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他国家或地区</source>
        <translation>其他国家或地区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出生日期与身份证号码不一致</source>
        <translation>出生日期与身份证号码不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分层编码</source>
        <translation>分层编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>初级</source>
        <translation>初级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>判断题</source>
        <translation>判断题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位抬头请填写纳税人识别号（统一社会信用代码）</source>
        <translation>单位抬头请填写纳税人识别号（统一社会信用代码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单选题</source>
        <translation>单选题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>博士研究生</source>
        <translation>博士研究生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票抬头不能超过{title_max}个字</source>
        <translation>发票抬头不能超过{title_max}个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票须在支付后{months}个月内申请（截止{deadline}），已逾期不可补开</source>
        <translation>发票须在支付后{months}个月内申请（截止{deadline}），已逾期不可补开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>台湾居民来往大陆通行证</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台湾居民来往大陆通行证号码应为 {taiwan_permit_length} 位数字</source>
        <translation>台湾居民来往大陆通行证号码应为 {taiwan_permit_length} 位数字</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>密码不能超过 {max_length} 位</source>
        <translation>密码不能超过 {max_length} 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码至少 {min_length} 位，且须同时包含字母和数字</source>
        <translation>密码至少 {min_length} 位，且须同时包含字母和数字</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>手机号码应为以 1 开头的 {phone_length} 位数字</source>
        <translation>手机号码应为以 1 开头的 {phone_length} 位数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>护照号码应为 {passport_min_length} 至 {passport_max_length} 位字母或数字</source>
        <translation>护照号码应为 {passport_min_length} 至 {passport_max_length} 位字母或数字</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>用户名应为 {username_min_length} 至 {username_max_length} 位小写字母、数字或 . _ -</source>
        <translation>用户名应为 {username_min_length} 至 {username_max_length} 位小写字母、数字或 . _ -</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>证件号码应为 {id_length} 位</source>
        <translation>证件号码应为 {id_length} 位</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>哈尼族</source>
        <translation>哈尼族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>哈萨克族</source>
        <translation>哈萨克族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回传成功</source>
        <translation>回传成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回族</source>
        <translation>回族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片像素过多，请缩小后再上传</source>
        <translation>图片像素过多，请缩小后再上传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片已损坏或不完整，请重新选择文件</source>
        <translation>图片已损坏或不完整，请重新选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>土家族</source>
        <translation>土家族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在校学生</source>
        <translation>在校学生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在职会计人员</source>
        <translation>在职会计人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>壮族</source>
        <translation>壮族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>多选题</source>
        <translation>多选题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大学专科</source>
        <translation>大学专科</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大学本科</source>
        <translation>大学本科</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名中含有看不见的字符（如零宽字符、文字方向控制符），请删除后重新输入</source>
        <translation>姓名中含有看不见的字符（如零宽字符、文字方向控制符），请删除后重新输入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>姓名中的间隔号“·”应在两个字之间</source>
        <translation>姓名中的间隔号“·”应在两个字之间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名应为 2 至 50 个字符，且不含数字或符号</source>
        <translation>姓名应为 2 至 50 个字符，且不含数字或符号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡订单的发票请联系您的学习卡开发商开具</source>
        <translation>学习卡订单的发票请联系您的学习卡开发商开具</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成状态</source>
        <translation>完成状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>居民身份证</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已回传</source>
        <translation>已回传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已审核</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已暂停播放</source>
        <translation>已暂停播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过期</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>布依族</source>
        <translation>布依族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>彝族</source>
        <translation>彝族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待回传</source>
        <translation>待回传</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>性别与身份证号码不一致</source>
        <translation>性别与身份证号码不一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>承诺书</source>
        <translation>承诺书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>护照</source>
        <translation>护照</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>持有会计职称证书但未从事会计工作</source>
        <translation>持有会计职称证书但未从事会计工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>持有资格证书的，此项为必填项</source>
        <translation>持有资格证书的，此项为必填项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无损压缩</source>
        <translation>无损压缩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期不能晚于今天</source>
        <translation>日期不能晚于今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期格式应为 YYYY-MM-DD</source>
        <translation>日期格式应为 YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>朝鲜族</source>
        <translation>朝鲜族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未达要求</source>
        <translation>未达要求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本年度选课已截止，不能再更改选课</source>
        <translation>本年度选课已截止，不能再更改选课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>根据您的回答，您不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法在本平台注册。

· 深圳市的会计人员继续教育由深圳市财政局自行组织，请登录深圳市的会计人员继续教育系统办理。
· 仅持有原“会计从业资格证书”而未取得会计专业技术资格（初级、中级、高级、正高级）证书，且未从事会计工作的，无需参加继续教育。

如有疑问，请在工作时间联系客服。</source>
        <translation>根据您的回答，您不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法在本平台注册。

· 深圳市的会计人员继续教育由深圳市财政局自行组织，请登录深圳市的会计人员继续教育系统办理。
· 仅持有原“会计从业资格证书”而未取得会计专业技术资格（初级、中级、高级、正高级）证书，且未从事会计工作的，无需参加继续教育。

如有疑问，请在工作时间联系客服。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正确</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正高级</source>
        <translation>正高级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>此项为必填项</source>
        <translation>此项为必填项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>汉族</source>
        <translation>汉族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证号码应以 810000、820000 或 830000 开头</source>
        <translation>港澳台居民居住证号码应以 810000、820000 或 830000 开头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳居民来往内地通行证</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位或 10 位数字</source>
        <translation>港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位或 10 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满族</source>
        <translation>满族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>瑶族</source>
        <translation>瑶族</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>电子邮箱格式不正确</source>
        <translation>电子邮箱格式不正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>男</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>畲族</source>
        <translation>畲族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>白族</source>
        <translation>白族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>省专业技术人员继续教育平台</source>
        <translation>省专业技术人员继续教育平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>硕士研究生</source>
        <translation>硕士研究生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>算术编码</source>
        <translation>算术编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纳税人识别号只能包含数字和大写字母（不含 I、O、Z、S、V）</source>
        <translation>纳税人识别号只能包含数字和大写字母（不含 I、O、Z、S、V）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纳税人识别号应为{length}位统一社会信用代码（数字或大写字母）</source>
        <translation>纳税人识别号应为{length}位统一社会信用代码（数字或大写字母）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纳税人识别号校验位不正确，请核对</source>
        <translation>纳税人识别号校验位不正确，请核对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纳税人识别号第 3 至 8 位是登记机关行政区划码，应为数字</source>
        <translation>纳税人识别号第 3 至 8 位是登记机关行政区划码，应为数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>维吾尔族</source>
        <translation>维吾尔族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>苗族</source>
        <translation>苗族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>蒙古族</source>
        <translation>蒙古族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>藏族</source>
        <translation>藏族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>行政区域关系到继续教育学分的传送，请务必慎重选择：
（1）在职会计人员按单位所在地选择；
（2）具有会计职称证书但未从事会计工作的，按目前居住地选择；
（3）在校学生按学校所在地选择。</source>
        <translation>行政区域关系到继续教育学分的传送，请务必慎重选择：
（1）在职会计人员按单位所在地选择；
（2）具有会计职称证书但未从事会计工作的，按目前居住地选择；
（3）在校学生按学校所在地选择。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>计时已暂停：倍速播放超过 {rate}× 不计学时</source>
        <translation>计时已暂停：倍速播放超过 {rate}× 不计学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时已暂停：播放窗口不在前台</source>
        <translation>计时已暂停：播放窗口不在前台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时已暂停：播放窗口已最小化</source>
        <translation>计时已暂停：播放窗口已最小化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时已暂停：登录已失效，请重新登录</source>
        <translation>计时已暂停：登录已失效，请重新登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时已暂停：视频卡住了，正在等待恢复播放</source>
        <translation>计时已暂停：视频卡住了，正在等待恢复播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>订单尚未支付，支付后才能申请发票</source>
        <translation>订单尚未支付，支付后才能申请发票</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证件号码中的出生日期（第 7-14 位）无效</source>
        <translation>证件号码中的出生日期（第 7-14 位）无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码前 17 位应为数字，最后一位为数字或 X</source>
        <translation>证件号码前 17 位应为数字，最后一位为数字或 X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码前 6 位（地址码）不是有效的行政区划代码，请核对后重新输入</source>
        <translation>证件号码前 6 位（地址码）不是有效的行政区划代码，请核对后重新输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码只能包含数字和英文字母，不能含有符号或看不见的字符</source>
        <translation>证件号码只能包含数字和英文字母，不能含有符号或看不见的字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证件号码校验位不正确，请核对后重新输入</source>
        <translation>证件号码校验位不正确，请核对后重新输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码请使用 0-9 的数字，不能使用其他文字的数字（如阿拉伯文、天城文数字）</source>
        <translation>证件号码请使用 0-9 的数字，不能使用其他文字的数字（如阿拉伯文、天城文数字）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该课程为必修课，不能取消选择</source>
        <translation>该课程为必修课，不能取消选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该课程已开始学习，不能取消选择</source>
        <translation>该课程已开始学习，不能取消选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请上传此附件</source>
        <translation>请上传此附件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写发票抬头</source>
        <translation>请填写发票抬头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写接收电子发票的邮箱</source>
        <translation>请填写接收电子发票的邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入姓名</source>
        <translation>请输入姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入密码</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入手机号码</source>
        <translation>请输入手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入用户名</source>
        <translation>请输入用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入证件号码</source>
        <translation>请输入证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>财政管理机构</source>
        <translation>财政管理机构</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>远程机构</source>
        <translation>远程机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮箱格式不正确，例如 name@example.com</source>
        <translation>邮箱格式不正确，例如 name@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>错误</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件不能超过 {size}</source>
        <translation>附件不能超过 {size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件为空，请重新选择文件</source>
        <translation>附件为空，请重新选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件须为 JPG 格式的图片</source>
        <translation>附件须为 JPG 格式的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高中及以下</source>
        <translation>高中及以下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高级</source>
        <translation>高级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>黎族</source>
        <translation>黎族</translation>
    </message>
</context>
<context>
    <name>slip</name>
    <message>
        <location filename="../models/slip.py" line="-330"/>
        <source>请妥善保管本回执：初始密码只显示这一次，首次登录修改密码后即失效。</source>
        <translation>请妥善保管本回执：初始密码只显示这一次，首次登录修改密码后即失效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本回执不含密码：登录账号和初始密码见登记时领取的登记回执；忘记密码可在登录页“忘记密码”找回。</source>
        <translation>本回执不含密码：登录账号和初始密码见登记时领取的登记回执；忘记密码可在登录页“忘记密码”找回。</translation>
    </message>
</context>
<context>
    <name>staff_admin</name>
    <message>
        <location filename="../models/staff_admin.py" line="+14"/>
        <source>工作人员</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记学员</source>
        <translation>登记学员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批量登记</source>
        <translation>批量登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下单</source>
        <translation>下单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金收款</source>
        <translation>现金收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡支付</source>
        <translation>学习卡支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实收金额不符</source>
        <translation>实收金额不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学习卡支付失败</source>
        <translation>学习卡支付失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增工作人员</source>
        <translation>新增工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用工作人员</source>
        <translation>停用工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用工作人员</source>
        <translation>启用工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看登记列表</source>
        <translation>查看登记列表</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../views/file_dialogs.py" line="+86"/>
        <source>选择图片</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
    </message>
</context>
</TS>
