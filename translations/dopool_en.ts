<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>dopool</name>
    <message numerus="yes">
        <source>%n provisioning task(s) still UNCERTAIN</source>
        <translation>
            <numerusform>%n provisioning task still UNCERTAIN</numerusform>
            <numerusform>%n provisioning tasks still UNCERTAIN</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::cli</name>
    <message numerus="yes">
        <source>Re-encrypted %n token(s) with the new key (fingerprint %1).</source>
        <translation>
            <numerusform>Re-encrypted %n token with the new key (fingerprint %1).</numerusform>
            <numerusform>Re-encrypted %n tokens with the new key (fingerprint %1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::AlertBanner</name>
    <message numerus="yes">
        <source>All %n usable account(s) are full. New droplets cannot be provisioned.</source>
        <translation>
            <numerusform>The only usable account is full. New droplets cannot be provisioned.</numerusform>
            <numerusform>All %n usable accounts are full. New droplets cannot be provisioned.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) unhealthy.</source>
        <translation>
            <numerusform>%n account unhealthy.</numerusform>
            <numerusform>%n accounts unhealthy.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::AuditDialog</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::BackupController</name>
    <message numerus="yes">
        <source>Backed up %n row(s) to %1 (%2 bytes, mode 0600). Keep the pool key apart: it is not in the backup.</source>
        <translation>
            <numerusform>Backed up %n row to %1 (%2 bytes, mode 0600). Keep the pool key apart: it is not in the backup.</numerusform>
            <numerusform>Backed up %n rows to %1 (%2 bytes, mode 0600). Keep the pool key apart: it is not in the backup.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n row(s) from %1.</source>
        <translation>
            <numerusform>Restored %n row from %1.</numerusform>
            <numerusform>Restored %n rows from %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::MainWindow</name>
    <message numerus="yes">
        <source>Shared pool: %n instance(s) online, rounds run by %1</source>
        <translation>
            <numerusform>Shared pool: %n instance online, rounds run by %1</numerusform>
            <numerusform>Shared pool: %n instances online, rounds run by %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolHistoryView</name>
    <message numerus="yes">
        <source>Growing as in this period, it reaches the threshold in about %n day(s).</source>
        <translation>
            <numerusform>Growing as in this period, it reaches the threshold in about %n day.</numerusform>
            <numerusform>Growing as in this period, it reaches the threshold in about %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::RelativeTime</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::SyncRunner</name>
    <message numerus="yes">
        <source>%1: %n account(s) done</source>
        <translation>
            <numerusform>%1: %n account done</numerusform>
            <numerusform>%1: %n accounts done</numerusform>
        </translation>
    </message>
</context>
</TS>
