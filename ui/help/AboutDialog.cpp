#include "AboutDialog.h"

#include "model/StatusColours.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSslSocket>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace dopool::ui {

AboutInfo AboutInfo::current(std::optional<desktop::PoolInfo> pool)
{
    AboutInfo info;
    info.version = QStringLiteral(DOPOOL_VERSION);
    info.qtVersion = QString::fromLatin1(qVersion());
    info.sslVersion = QSslSocket::sslLibraryVersionString();
    info.pool = std::move(pool);
    return info;
}

QString redactedLocation(const QString &location)
{
    QUrl url(location, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.isLocalFile() ||
        location.startsWith(QLatin1Char('/')))
        return location;
    url.setPassword(QString());
    QUrlQuery query(url);
    for (const auto &[name, value] : query.queryItems()) {
        if (name.contains(QLatin1String("password"), Qt::CaseInsensitive))
            query.removeAllQueryItems(name);
    }
    url.setQuery(query);
    return url.toDisplayString();
}

AboutDialog::AboutDialog(const AboutInfo &info, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About DO Account Pool"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    auto *title = new QLabel(tr("DO Account Pool %1").arg(info.version), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *summary = new QLabel(tr("A pool of DigitalOcean accounts: their capacity and health, "
                                  "and where the next droplet goes."),
                               this);
    summary->setWordWrap(true);
    auto *heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(summary);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(heading, 1);

    const QString none = noValue();
    const QString ssl = info.sslVersion.isEmpty() ? tr("not available") : info.sslVersion;
    QString database = tr("not open");
    QString fingerprint = none;
    if (info.pool) {
        database = info.pool->demo ? tr("demo pool (throwaway SQLite)")
                                   : tr("%1: %2").arg(info.pool->backend,
                                                      redactedLocation(info.pool->location));
        fingerprint = info.pool->keyFingerprint.isEmpty() ? none : info.pool->keyFingerprint;
    }
    const QList<std::pair<QString, QString>> facts = {
        {tr("Version"), info.version},
        {tr("Qt"), info.qtVersion},
        {tr("OpenSSL"), ssl},
        {tr("Licence"), tr("MIT License: free to use, copy, change and share, without warranty "
                           "(the terms below)")},
        {tr("Pool database"), database},
        {tr("Pool key fingerprint"), fingerprint},
    };
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_plainText = tr("DO Account Pool %1").arg(info.version) + QLatin1Char('\n');
    int row = 0;
    for (const auto &[label, value] : facts) {
        auto *field = new QLabel(value, this);
        field->setObjectName(QStringLiteral("aboutValue%1").arg(row++));
        field->setAccessibleName(label);
        field->setTextFormat(Qt::PlainText);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("%1:").arg(label), field);
        m_plainText += tr("%1: %2").arg(label, value) + QLatin1Char('\n');
    }

    // The licence's own words (LICENSE at the root of the source, in English as legally
    // binding), compiled in so every copy of the program carries them.
    QFile licenceFile(QStringLiteral(":/dopool/LICENSE"));
    auto *licence = new QPlainTextEdit(this);
    licence->setObjectName(QStringLiteral("licenceText"));
    licence->setAccessibleName(tr("Licence terms"));
    licence->setReadOnly(true);
    licence->setPlainText(licenceFile.open(QIODevice::ReadOnly)
                              ? QString::fromUtf8(licenceFile.readAll())
                              : tr("The licence text is missing from this build."));
    licence->setMinimumHeight(licence->fontMetrics().lineSpacing() * 8);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setAccessibleName(tr("Copy these details"));
    copy->setToolTip(tr("Copy these details, for a bug report"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_plainText); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(licence, 1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace dopool::ui
