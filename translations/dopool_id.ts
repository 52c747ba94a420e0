<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>dopool</name>
    <message>
        <source>DigitalOcean rejected the token (401 Unauthorized): the token is invalid, expired or revoked</source>
        <translation>DigitalOcean menolak token (401 Unauthorized): token tidak valid, kedaluwarsa, atau dicabut</translation>
    </message>
    <message>
        <source>DigitalOcean refused the request (403 Forbidden): the token lacks the scope for it, or the account is locked</source>
        <translation>DigitalOcean menolak permintaan (403 Forbidden): token tidak memiliki scope untuk itu, atau akun terkunci</translation>
    </message>
    <message>
        <source>DigitalOcean has no such resource (404 Not Found)</source>
        <translation>DigitalOcean tidak memiliki resource tersebut (404 Not Found)</translation>
    </message>
    <message>
        <source>the account has reached its droplet limit (422 Unprocessable Entity)</source>
        <translation>akun sudah mencapai batas droplet-nya (422 Unprocessable Entity)</translation>
    </message>
    <message>
        <source>DigitalOcean refused the request as invalid (422 Unprocessable Entity)</source>
        <translation>DigitalOcean menolak permintaan karena tidak valid (422 Unprocessable Entity)</translation>
    </message>
    <message>
        <source>DigitalOcean&apos;s rate limit for this token is reached (429 Too Many Requests); it asks to wait %1 s</source>
        <translation>batas laju (rate limit) DigitalOcean untuk token ini tercapai (429 Too Many Requests); diminta menunggu %1 dtk</translation>
    </message>
    <message>
        <source>DigitalOcean&apos;s rate limit for this token is reached (429 Too Many Requests)</source>
        <translation>batas laju (rate limit) DigitalOcean untuk token ini tercapai (429 Too Many Requests)</translation>
    </message>
    <message>
        <source>DigitalOcean had a server error (HTTP %1); try again later</source>
        <translation>DigitalOcean mengalami galat server (HTTP %1); coba lagi nanti</translation>
    </message>
    <message>
        <source>DigitalOcean answered with a redirect (HTTP %1), which dopool does not follow so the token never goes to another host</source>
        <translation>DigitalOcean menjawab dengan pengalihan (HTTP %1), yang tidak diikuti dopool agar token tidak pernah terkirim ke host lain</translation>
    </message>
    <message>
        <source>DigitalOcean refused the request (HTTP %1)</source>
        <translation>DigitalOcean menolak permintaan (HTTP %1)</translation>
    </message>
    <message>
        <source>DigitalOcean sent an unexpected answer (HTTP %1)</source>
        <translation>DigitalOcean mengirim jawaban yang tidak terduga (HTTP %1)</translation>
    </message>
    <message>
        <source>%1 (DigitalOcean says: &quot;%2&quot;)</source>
        <translation>%1 (kata DigitalOcean: &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>DigitalOcean at %1 did not answer within %2 s</source>
        <translation>DigitalOcean di %1 tidak menjawab dalam %2 dtk</translation>
    </message>
    <message>
        <source>DigitalOcean at %1 did not answer in time (%2)</source>
        <translation>DigitalOcean di %1 tidak menjawab tepat waktu (%2)</translation>
    </message>
    <message>
        <source>could not reach DigitalOcean at %1: %2</source>
        <translation>tidak dapat menghubungi DigitalOcean di %1: %2</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>galat jaringan</translation>
    </message>
    <message>
        <source>the request to DigitalOcean at %1 failed: %2</source>
        <translation>permintaan ke DigitalOcean di %1 gagal: %2</translation>
    </message>
    <message>
        <source>no HTTP answer</source>
        <translation>tidak ada jawaban HTTP</translation>
    </message>
    <message>
        <source>DigitalOcean sent a reply dopool cannot read: %1</source>
        <translation>DigitalOcean mengirim balasan yang tidak dapat dibaca dopool: %1</translation>
    </message>
    <message>
        <source>the body is empty, expected JSON</source>
        <translation>body kosong, seharusnya JSON</translation>
    </message>
    <message>
        <source>the body is not JSON (%1 at byte %2 of %3)</source>
        <translation>body bukan JSON (%1 pada byte %2 dari %3)</translation>
    </message>
    <message>
        <source>the body is a JSON array, expected an object</source>
        <translation>body berupa array JSON, seharusnya objek</translation>
    </message>
    <message>
        <source>%1 is %2, expected an object</source>
        <translation>%1 berupa %2, seharusnya objek</translation>
    </message>
    <message>
        <source>refusing to send API tokens to &apos;%1&apos;: only https, or plain http to a loopback host, is allowed</source>
        <translation>menolak mengirim token API ke &apos;%1&apos;: hanya https, atau http biasa ke host loopback, yang diizinkan</translation>
    </message>
    <message>
        <source>no DigitalOcean API token was given</source>
        <translation>tidak ada token API DigitalOcean yang diberikan</translation>
    </message>
    <message>
        <source>the API token contains spaces, line breaks or non-ASCII characters and cannot be sent; check how it was pasted</source>
        <translation>token API berisi spasi, baris baru, atau karakter non-ASCII sehingga tidak dapat dikirim; periksa cara token itu ditempelkan</translation>
    </message>
    <message>
        <source>action id %1 is not a valid DigitalOcean action id</source>
        <translation>action id %1 bukan action id DigitalOcean yang valid</translation>
    </message>
    <message>
        <source>%1 is %2, expected %3</source>
        <translation>%1 berupa %2, seharusnya %3</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 tidak ada</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>string</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true atau false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>bilangan bulat dari %1 sampai %2</translation>
    </message>
    <message>
        <source>%1 is not an ISO 8601 date and time</source>
        <translation>%1 bukan tanggal dan waktu ISO 8601</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>array</translation>
    </message>
    <message>
        <source>%1[%2] is %3, expected a string</source>
        <translation>%1[%2] berupa %3, seharusnya string</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>objek</translation>
    </message>
    <message>
        <source>refusing to send the request to &apos;%1&apos;: only https, or plain http to a loopback host, is allowed</source>
        <translation>menolak mengirim permintaan ke &apos;%1&apos;: hanya https, atau http biasa ke host loopback, yang diizinkan</translation>
    </message>
    <message>
        <source>the API token is empty or contains characters that cannot be sent in a header</source>
        <translation>token API kosong atau berisi karakter yang tidak dapat dikirim dalam header</translation>
    </message>
    <message>
        <source>TLS is not available to Qt (no OpenSSL backend), so %1 cannot be reached over https</source>
        <translation>TLS tidak tersedia bagi Qt (tidak ada backend OpenSSL), sehingga %1 tidak dapat dihubungi lewat https</translation>
    </message>
    <message>
        <source>the connection was closed after the request was sent and before the whole answer arrived; the request may have taken effect</source>
        <translation>koneksi ditutup setelah permintaan terkirim dan sebelum seluruh jawaban tiba; permintaan itu mungkin sudah berlaku</translation>
    </message>
    <message>
        <source>the connection was closed before the request was sent</source>
        <translation>koneksi ditutup sebelum permintaan terkirim</translation>
    </message>
    <message>
        <source>no complete answer in time</source>
        <translation>tidak ada jawaban lengkap tepat waktu</translation>
    </message>
    <message>
        <source>the connection closed before the whole answer arrived</source>
        <translation>koneksi tertutup sebelum seluruh jawaban tiba</translation>
    </message>
    <message>
        <source>the connection closed before an answer arrived</source>
        <translation>koneksi tertutup sebelum jawaban tiba</translation>
    </message>
    <message>
        <source>the server switched protocols, which was never asked for</source>
        <translation>server berganti protokol, padahal tidak pernah diminta</translation>
    </message>
    <message>
        <source>unsupported transfer-encoding &apos;%1&apos;</source>
        <translation>transfer-encoding &apos;%1&apos; tidak didukung</translation>
    </message>
    <message>
        <source>invalid or conflicting content-length</source>
        <translation>content-length tidak valid atau bertentangan</translation>
    </message>
    <message>
        <source>the answer is too large (%1 bytes)</source>
        <translation>jawaban terlalu besar (%1 byte)</translation>
    </message>
    <message>
        <source>the answer is too large (over %1 bytes)</source>
        <translation>jawaban terlalu besar (lebih dari %1 byte)</translation>
    </message>
    <message>
        <source>the answer&apos;s header block is too large</source>
        <translation>blok header jawaban terlalu besar</translation>
    </message>
    <message>
        <source>not an HTTP answer</source>
        <translation>bukan jawaban HTTP</translation>
    </message>
    <message>
        <source>malformed header line</source>
        <translation>baris header salah bentuk</translation>
    </message>
    <message>
        <source>malformed chunk size</source>
        <translation>ukuran chunk salah bentuk</translation>
    </message>
    <message>
        <source>malformed chunk</source>
        <translation>chunk salah bentuk</translation>
    </message>
    <message>
        <source>the API base URL &apos;%1&apos; is not a valid URL (expected e.g. https://api.digitalocean.com)</source>
        <translation>URL dasar API &apos;%1&apos; bukan URL yang valid (contoh yang benar: https://api.digitalocean.com)</translation>
    </message>
    <message>
        <source>the API base URL must not contain credentials, a query or a fragment</source>
        <translation>URL dasar API tidak boleh berisi kredensial, query, atau fragment</translation>
    </message>
    <message>
        <source>refusing plain http to %1: API tokens are sent only over https (plain http is allowed to loopback only)</source>
        <translation>menolak http biasa ke %1: token API hanya dikirim lewat https (http biasa hanya diizinkan ke loopback)</translation>
    </message>
    <message>
        <source>the API base URL must start with https:// (got &apos;%1&apos;)</source>
        <translation>URL dasar API harus diawali https:// (didapat &apos;%1&apos;)</translation>
    </message>
    <message>
        <source>the account name must not be empty</source>
        <translation>nama akun tidak boleh kosong</translation>
    </message>
    <message>
        <source>the email address must not be empty</source>
        <translation>alamat email tidak boleh kosong</translation>
    </message>
    <message>
        <source>the API token is empty</source>
        <translation>token API kosong</translation>
    </message>
    <message>
        <source>%1: already tried</source>
        <translation>%1: sudah dicoba</translation>
    </message>
    <message>
        <source>%1: inactive</source>
        <translation>%1: nonaktif</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>least utilised, %1 of %2 used (%3%)</source>
        <translation>utilisasi terendah, %1 dari %2 terpakai (%3%)</translation>
    </message>
    <message>
        <source>primary account, %1 of %2 used</source>
        <translation>akun utama, %1 dari %2 terpakai</translation>
    </message>
    <message>
        <source>fewest active droplets, %1 of %2 used</source>
        <translation>droplet aktif paling sedikit, %1 dari %2 terpakai</translation>
    </message>
    <message>
        <source>deactivated meanwhile</source>
        <translation>dinonaktifkan sementara itu</translation>
    </message>
    <message>
        <source>%1: full (%2 used + %3 reserved)</source>
        <translation>%1: penuh (%2 terpakai + %3 dipesan)</translation>
    </message>
    <message>
        <source>%1: full (%2)</source>
        <translation>%1: penuh (%2)</translation>
    </message>
    <message>
        <source>selected account &apos;%1&apos;: %2%3</source>
        <translation>akun terpilih &apos;%1&apos;: %2%3</translation>
    </message>
    <message>
        <source>, slot reserved</source>
        <translation>, slot dipesan</translation>
    </message>
    <message>
        <source>the pool is empty</source>
        <translation>pool kosong</translation>
    </message>
    <message>
        <source>no usable account: %1 accounts, none active and healthy (%2)</source>
        <translation>tidak ada akun yang dapat dipakai: %1 akun, tidak satu pun aktif dan sehat (%2)</translation>
    </message>
    <message>
        <source>not usable: %1</source>
        <translation>tidak dapat dipakai: %1</translation>
    </message>
    <message>
        <source>all %1 usable accounts are full (%2)</source>
        <translation>semua %1 akun yang dapat dipakai penuh (%2)</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; is unhealthy</source>
        <translation>Akun &apos;%1&apos; tidak sehat</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; is full (%2/%3 droplets)</source>
        <translation>Akun &apos;%1&apos; penuh (%2/%3 droplet)</translation>
    </message>
    <message>
        <source>The only usable account is full</source>
        <translation>Satu-satunya akun yang dapat dipakai sudah penuh</translation>
    </message>
    <message>
        <source>All %1 usable accounts are full</source>
        <translation>Semua %1 akun yang dapat dipakai penuh</translation>
    </message>
    <message>
        <source>Pool utilisation %1% is above the %2% threshold</source>
        <translation>Utilisasi pool %1% melewati ambang %2%</translation>
    </message>
    <message>
        <source>cannot %1: %2</source>
        <translation>tidak dapat %1: %2</translation>
    </message>
    <message>
        <source>resolve alert &apos;%1&apos;</source>
        <translation>menyelesaikan peringatan &apos;%1&apos;</translation>
    </message>
    <message>
        <source>alert resolved: %1</source>
        <translation>peringatan selesai: %1</translation>
    </message>
    <message>
        <source>raise alert &apos;%1&apos;</source>
        <translation>memunculkan peringatan &apos;%1&apos;</translation>
    </message>
    <message>
        <source>alert raised: %1</source>
        <translation>peringatan muncul: %1</translation>
    </message>
    <message>
        <source>DigitalOcean rejected the token (401)</source>
        <translation>DigitalOcean menolak token (401)</translation>
    </message>
    <message>
        <source>DigitalOcean refused access (403): the token lacks the scope, or the account is locked</source>
        <translation>DigitalOcean menolak akses (403): token tidak memiliki scope, atau akun terkunci</translation>
    </message>
    <message>
        <source>DigitalOcean rate limit reached (429)</source>
        <translation>batas laju (rate limit) DigitalOcean tercapai (429)</translation>
    </message>
    <message>
        <source>DigitalOcean server error (HTTP %1)</source>
        <translation>galat server DigitalOcean (HTTP %1)</translation>
    </message>
    <message>
        <source>DigitalOcean did not answer in time: %1</source>
        <translation>DigitalOcean tidak menjawab tepat waktu: %1</translation>
    </message>
    <message>
        <source>DigitalOcean unreachable: %1</source>
        <translation>DigitalOcean tidak dapat dihubungi: %1</translation>
    </message>
    <message>
        <source>unreadable reply from DigitalOcean: %1</source>
        <translation>balasan DigitalOcean tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>DigitalOcean request failed: %1</source>
        <translation>permintaan ke DigitalOcean gagal: %1</translation>
    </message>
    <message>
        <source>DigitalOcean reports the account as locked</source>
        <translation>DigitalOcean melaporkan akun terkunci</translation>
    </message>
    <message>
        <source>%1 (%2 consecutive failures)</source>
        <translation>%1 (%2 kegagalan berturut-turut)</translation>
    </message>
    <message>
        <source>still unhealthy; now: %1</source>
        <translation>masih tidak sehat; sekarang: %1</translation>
    </message>
    <message>
        <source>DigitalOcean account active</source>
        <translation>akun DigitalOcean aktif</translation>
    </message>
    <message>
        <source>DigitalOcean reports the account status &apos;warning&apos;</source>
        <translation>DigitalOcean melaporkan status akun &apos;warning&apos;</translation>
    </message>
    <message>
        <source>DigitalOcean reports an unknown account status &apos;%1&apos;</source>
        <translation>DigitalOcean melaporkan status akun yang tidak dikenal &apos;%1&apos;</translation>
    </message>
    <message>
        <source>recovered: %1</source>
        <translation>pulih: %1</translation>
    </message>
    <message>
        <source>an order id is required to provision a droplet</source>
        <translation>ID pesanan wajib diisi untuk penyediaan droplet</translation>
    </message>
    <message>
        <source>order id &apos;%1&apos; cannot name a droplet: its first %2 characters may only be letters, digits, &apos;.&apos; and &apos;-&apos;</source>
        <translation>ID pesanan &apos;%1&apos; tidak dapat menjadi nama droplet: %2 karakter pertamanya hanya boleh huruf, angka, &apos;.&apos; dan &apos;-&apos;</translation>
    </message>
    <message>
        <source>cannot save provisioning task %1</source>
        <translation>tidak dapat menyimpan tugas penyediaan %1</translation>
    </message>
    <message>
        <source>; tried before: %1</source>
        <translation>; sudah dicoba sebelumnya: %1</translation>
    </message>
    <message>
        <source>task %1: creating droplet %2 on account &apos;%3&apos; (attempt %4)</source>
        <translation>tugas %1: membuat droplet %2 di akun &apos;%3&apos; (percobaan %4)</translation>
    </message>
    <message>
        <source>DigitalOcean refused the droplet on account &apos;%1&apos;: %2</source>
        <translation>DigitalOcean menolak droplet di akun &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>task %1: %2; trying another account</source>
        <translation>tugas %1: %2; mencoba akun lain</translation>
    </message>
    <message>
        <source>task %1: droplet %2 (id %3) created on account &apos;%4&apos;</source>
        <translation>tugas %1: droplet %2 (id %3) dibuat di akun &apos;%4&apos;</translation>
    </message>
    <message>
        <source>DigitalOcean reports the create action of droplet %1 (id %2) on account &apos;%3&apos; as errored</source>
        <translation>DigitalOcean melaporkan action pembuatan droplet %1 (id %2) di akun &apos;%3&apos; gagal (errored)</translation>
    </message>
    <message>
        <source>droplet created; its create action was still in progress after %1 s and is no longer followed</source>
        <translation>droplet dibuat; action pembuatannya masih berjalan setelah %1 dtk dan tidak dipantau lagi</translation>
    </message>
    <message>
        <source>droplet created; its create action could not be followed: %1</source>
        <translation>droplet dibuat; action pembuatannya tidak dapat dipantau: %1</translation>
    </message>
    <message>
        <source>task %1: %2</source>
        <translation>tugas %1: %2</translation>
    </message>
    <message>
        <source>cannot decrypt the token of account &apos;%1&apos;: %2</source>
        <translation>tidak dapat mendekripsi token akun &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>cannot save provisioning task %1: %2</source>
        <translation>tidak dapat menyimpan tugas penyediaan %1: %2</translation>
    </message>
    <message>
        <source>droplet %1 (id %2) was created on account &apos;%3&apos; but task %4 could not be saved</source>
        <translation>droplet %1 (id %2) sudah dibuat di akun &apos;%3&apos; tetapi tugas %4 tidak dapat disimpan</translation>
    </message>
    <message>
        <source>task %1 FAILED: %2</source>
        <translation>tugas %1 GAGAL: %2</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>sinkronisasi</translation>
    </message>
    <message>
        <source>health</source>
        <translation>kesehatan</translation>
    </message>
    <message>
        <source>%1 round skipped: another instance runs it</source>
        <translation>putaran %1 dilewati: instans lain menjalankannya</translation>
    </message>
    <message>
        <source>%1 round started</source>
        <translation>putaran %1 dimulai</translation>
    </message>
    <message>
        <source>%1 round failed: %2</source>
        <translation>putaran %1 gagal: %2</translation>
    </message>
    <message>
        <source>cannot evaluate alerts: %1</source>
        <translation>tidak dapat mengevaluasi peringatan: %1</translation>
    </message>
    <message>
        <source>%1 round finished: %2 accounts, %3 failed</source>
        <translation>putaran %1 selesai: %2 akun, %3 gagal</translation>
    </message>
    <message>
        <source>cannot list the accounts to sync: %1</source>
        <translation>tidak dapat mendaftar akun yang akan disinkronkan: %1</translation>
    </message>
    <message>
        <source>sync of account &apos;%1&apos;: %2</source>
        <translation>sinkronisasi akun &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>%1 of account &apos;%2&apos; failed: %3</source>
        <translation>%1 akun &apos;%2&apos; gagal: %3</translation>
    </message>
    <message>
        <source>health check</source>
        <translation>pemeriksaan kesehatan</translation>
    </message>
    <message>
        <source>account &apos;%1&apos; is now %2 (was %3): %4</source>
        <translation>akun &apos;%1&apos; kini %2 (sebelumnya %3): %4</translation>
    </message>
    <message>
        <source>cannot record the sync of account &apos;%1&apos;: %2</source>
        <translation>tidak dapat mencatat sinkronisasi akun &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>refusing to post alerts to &apos;%1&apos;: only https, or plain http to a loopback host, is allowed</source>
        <translation>menolak mengirim peringatan ke &apos;%1&apos;: hanya https, atau http biasa ke host loopback, yang diizinkan</translation>
    </message>
    <message>
        <source>alert posted to %1 (HTTP %2): %3</source>
        <translation>peringatan dikirim ke %1 (HTTP %2): %3</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>tidak ada jawaban dalam %1 dtk</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>cannot post the alert to %1: %2</source>
        <translation>tidak dapat mengirim peringatan ke %1: %2</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Sehat</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Menurun</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Tidak sehat</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <source>this process&apos;s encryption key (fingerprint %1) is not the pool&apos;s key (fingerprint %2); nothing was written. Use the pool&apos;s key: set ENCRYPTION_KEY to it or run &apos;dopool-cli key import --key-env VAR&apos;</source>
        <translation>kunci enkripsi proses ini (sidik jari %1) bukan kunci pool (sidik jari %2); tidak ada yang ditulis. Gunakan kunci pool: isikan ke ENCRYPTION_KEY atau jalankan &apos;dopool-cli key import --key-env VAR&apos;</translation>
    </message>
    <message>
        <source>the pool&apos;s tokens do not decrypt with this process&apos;s encryption key (fingerprint %1); nothing was written. Use the key the pool was created with</source>
        <translation>token pool tidak dapat didekripsi dengan kunci enkripsi proses ini (sidik jari %1); tidak ada yang ditulis. Gunakan kunci yang dipakai saat pool dibuat</translation>
    </message>
    <message>
        <source>the stored token of account &apos;%1&apos; cannot be decrypted with the pool&apos;s key: %2</source>
        <translation>token tersimpan milik akun &apos;%1&apos; tidak dapat didekripsi dengan kunci pool: %2</translation>
    </message>
    <message>
        <source>(the value is not shown: it looks like a secret)</source>
        <translation>(nilainya tidak ditampilkan: tampaknya sebuah rahasia)</translation>
    </message>
    <message>
        <source>[secret withheld]</source>
        <translation>[rahasia disembunyikan]</translation>
    </message>
    <message>
        <source>the account name looks like an API token or a key, so it was not accepted (and is not shown); give the token with --token-stdin or in the token field</source>
        <translation>nama akun tampak seperti token API atau kunci, jadi tidak diterima (dan tidak ditampilkan); berikan token lewat --token-stdin atau di kolom token</translation>
    </message>
    <message>
        <source>%1 is not a valid email address</source>
        <translation>%1 bukan alamat email yang valid</translation>
    </message>
    <message>
        <source>the droplet limit must be a whole number from 1 to 100000 (got %1)</source>
        <translation>batas droplet harus bilangan bulat dari 1 sampai 100000 (didapat %1)</translation>
    </message>
    <message>
        <source>there is no valid key to export</source>
        <translation>tidak ada kunci valid untuk diekspor</translation>
    </message>
    <message>
        <source>%1 already exists; the key is never written over a file. Choose a new file name</source>
        <translation>%1 sudah ada; kunci tidak pernah ditulis menimpa berkas. Pilih nama berkas baru</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>tidak dapat membuat %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>tidak dapat menulis %1: %2</translation>
    </message>
    <message>
        <source>cannot read the key file %1: %2</source>
        <translation>tidak dapat membaca berkas kunci %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a key file (too large)</source>
        <translation>%1 bukan berkas kunci (terlalu besar)</translation>
    </message>
    <message>
        <source>%1 is not a key file: it must hold exactly one line with the 64-hex key</source>
        <translation>%1 bukan berkas kunci: berkas harus berisi tepat satu baris dengan kunci 64 heksadesimal</translation>
    </message>
    <message>
        <source>the key in %1 is malformed: %2</source>
        <translation>kunci di %1 tidak valid: %2</translation>
    </message>
    <message>
        <source>the OS keychain entry for the pool key %1 is damaged (it does not hold that key); re-import the key with dopool-cli key import</source>
        <translation>entri keychain OS untuk kunci pool %1 rusak (tidak berisi kunci tersebut); impor ulang kunci dengan dopool-cli key import</translation>
    </message>
    <message>
        <source>ENCRYPTION_KEY is malformed: %1</source>
        <translation>ENCRYPTION_KEY tidak valid: %1</translation>
    </message>
    <message>
        <source>cannot store an invalid encryption key in the OS keychain</source>
        <translation>tidak dapat menyimpan kunci enkripsi yang tidak valid di keychain OS</translation>
    </message>
    <message>
        <source>another process created this pool&apos;s key (fingerprint %1) at the same moment, and that key is not in this OS keychain; nothing was written. Import it with: dopool-cli key import --key-env VAR, or set ENCRYPTION_KEY</source>
        <translation>proses lain membuat kunci pool ini (sidik jari %1) pada saat yang sama, dan kunci itu tidak ada di keychain OS ini; tidak ada yang ditulis. Impor dengan: dopool-cli key import --key-env VAR, atau isi ENCRYPTION_KEY</translation>
    </message>
    <message>
        <source>This pool already has an encryption key (fingerprint %1), but it is not in your OS keychain. Import it with: dopool-cli key import --key-env VAR (VAR holding the 64-hex key) or --key-file FILE, or set ENCRYPTION_KEY.</source>
        <translation>Pool ini sudah memiliki kunci enkripsi (sidik jari %1), tetapi kunci itu tidak ada di keychain OS Anda. Impor dengan: dopool-cli key import --key-env VAR (VAR berisi kunci 64 heksadesimal) atau --key-file BERKAS, atau isi ENCRYPTION_KEY.</translation>
    </message>
    <message>
        <source>This pool already has tokens, but no key check value, and no key in your OS keychain opens them. Import the pool&apos;s key with: dopool-cli key import --key-env VAR, or set ENCRYPTION_KEY.</source>
        <translation>Pool ini sudah memiliki token, tetapi tanpa nilai pemeriksa kunci, dan tidak ada kunci di keychain OS Anda yang dapat membukanya. Impor kunci pool dengan: dopool-cli key import --key-env VAR, atau isi ENCRYPTION_KEY.</translation>
    </message>
    <message>
        <source>this instance&apos;s pool key (fingerprint %1) is out of date: the pool&apos;s key was rotated to fingerprint %2. It writes nothing until it has the new key (ENCRYPTION_KEY, or dopool-cli key import)</source>
        <translation>kunci pool instans ini (sidik jari %1) sudah usang: kunci pool telah dirotasi ke sidik jari %2. Instans ini tidak menulis apa pun sampai memiliki kunci baru (ENCRYPTION_KEY, atau dopool-cli key import)</translation>
    </message>
    <message>
        <source>no account with id or name %1</source>
        <translation>tidak ada akun dengan id atau nama %1</translation>
    </message>
    <message>
        <source>this process opened the pool without its key, so it cannot write accounts; nothing was written</source>
        <translation>proses ini membuka pool tanpa kuncinya, jadi tidak dapat menulis akun; tidak ada yang ditulis</translation>
    </message>
    <message>
        <source>this process&apos;s pool key (fingerprint %1) is out of date: the pool&apos;s key is now %2 (rotated by another process); nothing was written. Use the new key: ENCRYPTION_KEY, or dopool-cli key import</source>
        <translation>kunci pool proses ini (sidik jari %1) sudah usang: kunci pool sekarang %2 (dirotasi oleh proses lain); tidak ada yang ditulis. Gunakan kunci baru: ENCRYPTION_KEY, atau dopool-cli key import</translation>
    </message>
    <message>
        <source>unset</source>
        <translation>belum diatur</translation>
    </message>
    <message>
        <source>the pool&apos;s key changed meanwhile (now fingerprint %1, not %2): another rotation won; nothing was re-encrypted</source>
        <translation>kunci pool berubah sementara itu (sekarang sidik jari %1, bukan %2): rotasi lain menang; tidak ada yang dienkripsi ulang</translation>
    </message>
    <message>
        <source>%1 must be a number of seconds from 2 to 600</source>
        <translation>%1 harus jumlah detik dari 2 sampai 600</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; has been degraded for %2 min</source>
        <translation>Akun &apos;%1&apos; sudah menurun selama %2 menit</translation>
    </message>
    <message>
        <source>No available account: none of the %1 accounts can take a droplet (%2 inactive, %3 unhealthy, %4 degraded)</source>
        <translation>Tidak ada akun yang tersedia: tidak satu pun dari %1 akun dapat menerima droplet (%2 nonaktif, %3 tidak sehat, %4 menurun)</translation>
    </message>
    <message>
        <source>%1 must be a number of minutes from 1 to 10080</source>
        <translation>%1 harus jumlah menit dari 1 sampai 10080</translation>
    </message>
    <message>
        <source>order %1 already has task %2 (%3): not creating another droplet</source>
        <translation>pesanan %1 sudah memiliki tugas %2 (%3): droplet lain tidak dibuat</translation>
    </message>
    <message>
        <source>order %1 has task %2 whose create got no clear answer from DigitalOcean; still no droplet tagged %3 on its account. It stays UNCERTAIN and no other droplet is created; it is FAILED if nothing appears within %4 s of its start</source>
        <translation>pesanan %1 memiliki tugas %2 yang permintaan pembuatannya tidak dijawab jelas oleh DigitalOcean; masih belum ada droplet bertag %3 di akunnya. Tugas tetap UNCERTAIN dan tidak ada droplet lain yang dibuat; tugas menjadi FAILED bila tidak ada yang muncul dalam %4 dtk sejak dimulai</translation>
    </message>
    <message>
        <source>task %1: the create on &apos;%2&apos; failed (%3) but the droplet exists (found by its tags)</source>
        <translation>tugas %1: pembuatan di &apos;%2&apos; gagal (%3) tetapi droplet-nya ada (ditemukan lewat tag-nya)</translation>
    </message>
    <message>
        <source>the last look failed: %1</source>
        <translation>pencarian terakhir gagal: %1</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>tidak ditemukan</translation>
    </message>
    <message>
        <source>task %1: droplet tagged %2 %3; looking again in %4 ms</source>
        <translation>tugas %1: droplet bertag %2 %3; dicari lagi dalam %4 md</translation>
    </message>
    <message>
        <source>DigitalOcean gave no clear answer to the create on account &apos;%1&apos; (%2); looking for droplet tagged %3 for up to %4 s before anything else is tried</source>
        <translation>DigitalOcean tidak memberi jawaban jelas atas pembuatan di akun &apos;%1&apos; (%2); droplet bertag %3 dicari hingga %4 dtk sebelum mencoba hal lain</translation>
    </message>
    <message>
        <source>task %1 UNCERTAIN: %2</source>
        <translation>tugas %1 UNCERTAIN: %2</translation>
    </message>
    <message>
        <source>DigitalOcean gave no clear answer to the create of droplet %1 on account &apos;%2&apos; (%3) and no droplet tagged %4 was found within %5 s (%6). Task %7 is left UNCERTAIN and is not tried on another account, so the order never gets two droplets; later rounds and the next provision of this order look again, and it becomes FAILED if nothing appears within %8 s of its start</source>
        <translation>DigitalOcean tidak memberi jawaban jelas atas pembuatan droplet %1 di akun &apos;%2&apos; (%3) dan tidak ada droplet bertag %4 yang ditemukan dalam %5 dtk (%6). Tugas %7 dibiarkan UNCERTAIN dan tidak dicoba di akun lain, agar pesanan tidak pernah mendapat dua droplet; putaran berikutnya dan penyediaan berikutnya untuk pesanan ini akan mencarinya lagi, dan tugas menjadi FAILED bila tidak ada yang muncul dalam %8 dtk sejak dimulai</translation>
    </message>
    <message>
        <source>task %1 %2: %3</source>
        <translation>tugas %1 %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n provisioning task(s) still UNCERTAIN</source>
        <translation>
            <numerusform>%n tugas penyediaan masih UNCERTAIN</numerusform>
        </translation>
    </message>
    <message>
        <source>task %1: droplet %2 (id %3) of order %4 belongs to no other task; taking it as this order&apos;s droplet</source>
        <translation>tugas %1: droplet %2 (id %3) milik pesanan %4 tidak dimiliki tugas lain; diambil sebagai droplet pesanan ini</translation>
    </message>
    <message>
        <source>task %1: the uncertain create did happen: droplet %2 (id %3) found by its tags</source>
        <translation>tugas %1: pembuatan yang tidak pasti ternyata terjadi: droplet %2 (id %3) ditemukan lewat tag-nya</translation>
    </message>
    <message>
        <source>task %1 stays UNCERTAIN: looking for its droplet failed: %2</source>
        <translation>tugas %1 tetap UNCERTAIN: pencarian droplet-nya gagal: %2</translation>
    </message>
    <message>
        <source>no droplet tagged %1 appeared within %2 s of the create that got no clear answer; the order may be provisioned again</source>
        <translation>tidak ada droplet bertag %1 yang muncul dalam %2 dtk setelah pembuatan yang tidak dijawab jelas; pesanan boleh disediakan lagi</translation>
    </message>
    <message>
        <source>abandoned by its provisioner (no progress for %1 s) and no droplet tagged %2 exists; the order may be provisioned again</source>
        <translation>ditinggalkan oleh penyedianya (tidak ada kemajuan selama %1 dtk) dan tidak ada droplet bertag %2; pesanan boleh disediakan lagi</translation>
    </message>
    <message>
        <source>the pool has no key yet (it gets one with its first account), and ENCRYPTION_KEY is not set</source>
        <translation>pool belum memiliki kunci (kunci dibuat bersama akun pertamanya), dan ENCRYPTION_KEY tidak diatur</translation>
    </message>
    <message>
        <source>DOPOOL_KEYCHAIN_SERVICE must be 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (or unset for the default &quot;dopool&quot;)</source>
        <translation>DOPOOL_KEYCHAIN_SERVICE harus berisi 1 sampai 64 huruf, angka, &apos;.&apos;, &apos;_&apos; atau &apos;-&apos; (atau tidak diatur untuk bawaan &quot;dopool&quot;)</translation>
    </message>
    <message>
        <source>links.pages.next does not name a page after page %1</source>
        <translation>links.pages.next tidak menyebut halaman setelah halaman %1</translation>
    </message>
    <message>
        <source>%1 has more than %2 pages</source>
        <translation>%1 memiliki lebih dari %2 halaman</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>angka dari %1 sampai %2</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>No active account in the pool to read DigitalOcean&apos;s catalogue (regions, sizes, images) with; add or activate one first</source>
        <translation>Tidak ada akun aktif di pool untuk membaca katalog DigitalOcean (region, ukuran, image); tambahkan atau aktifkan satu akun terlebih dahulu</translation>
    </message>
    <message>
        <source>Could not read DigitalOcean&apos;s catalogue with account &apos;%1&apos;: %2</source>
        <translation>Tidak dapat membaca katalog DigitalOcean dengan akun &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>%1 must be a number from 1 to 1000</source>
        <translation>%1 harus angka dari 1 sampai 1000</translation>
    </message>
    <message>
        <source>The webhook URL must be https:// (or http:// to this machine)</source>
        <translation>URL webhook harus https:// (atau http:// ke mesin ini)</translation>
    </message>
    <message>
        <source>the answer to %1 is larger than %2 bytes, the most dopool reads from it; nothing of it was used</source>
        <translation>jawaban untuk %1 lebih besar dari %2 byte, batas terbesar yang dibaca dopool darinya; tidak ada bagiannya yang dipakai</translation>
    </message>
    <message>
        <source>a page of %1 has %2 items; DigitalOcean sends at most %3</source>
        <translation>satu halaman %1 berisi %2 item; DigitalOcean mengirim paling banyak %3</translation>
    </message>
    <message>
        <source>%1 (%2 characters, at most %3)</source>
        <translation>%1 (%2 karakter, paling banyak %3)</translation>
    </message>
    <message>
        <source>the account name must not contain control characters, bidi overrides or invisible characters</source>
        <translation>nama akun tidak boleh berisi karakter kontrol, penimpa arah bidi, atau karakter tak terlihat</translation>
    </message>
    <message>
        <source>the account name is %1 characters long; at most %2 are allowed</source>
        <translation>nama akun sepanjang %1 karakter; paling banyak %2 yang diizinkan</translation>
    </message>
    <message>
        <source>the account name must not be a uuid: it could be taken for another account&apos;s id</source>
        <translation>nama akun tidak boleh berupa uuid: nama itu bisa dikira id akun lain</translation>
    </message>
    <message>
        <source>the email address must not contain control characters, bidi overrides or invisible characters</source>
        <translation>alamat email tidak boleh berisi karakter kontrol, penimpa arah bidi, atau karakter tak terlihat</translation>
    </message>
    <message>
        <source>the email address is %1 characters long; at most %2 are allowed</source>
        <translation>alamat email sepanjang %1 karakter; paling banyak %2 yang diizinkan</translation>
    </message>
    <message>
        <source>the email address contains something that looks like an API token or a key, so it was not accepted (and is not shown)</source>
        <translation>alamat email berisi sesuatu yang tampak seperti token API atau kunci, sehingga tidak diterima (dan tidak ditampilkan)</translation>
    </message>
    <message>
        <source>the API token %1</source>
        <translation>token API %1</translation>
    </message>
    <message>
        <source>contains a NUL character</source>
        <translation>berisi karakter NUL</translation>
    </message>
    <message>
        <source>must not contain white space</source>
        <translation>tidak boleh berisi spasi</translation>
    </message>
    <message>
        <source>contains a control character</source>
        <translation>berisi karakter kontrol</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>lebih panjang dari %1 karakter</translation>
    </message>
    <message>
        <source>may contain only ASCII letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;; this is not a DigitalOcean token</source>
        <translation>hanya boleh berisi huruf ASCII, angka, &apos;_&apos;, &apos;-&apos;, dan &apos;.&apos;; ini bukan token DigitalOcean</translation>
    </message>
    <message>
        <source>is shorter than %1 characters; this is not a DigitalOcean token</source>
        <translation>lebih pendek dari %1 karakter; ini bukan token DigitalOcean</translation>
    </message>
    <message>
        <source>%1 must not be empty</source>
        <translation>%1 tidak boleh kosong</translation>
    </message>
    <message>
        <source>%1 must not contain control characters, bidi overrides or invisible characters</source>
        <translation>%1 tidak boleh berisi karakter kontrol, penimpa arah bidi, atau karakter tak terlihat</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; at most %3 are allowed</source>
        <translation>%1 sepanjang %2 karakter; paling banyak %3 yang diizinkan</translation>
    </message>
    <message>
        <source>DigitalOcean sent fields longer than dopool keeps; they were cut: %1</source>
        <translation>DigitalOcean mengirim kolom yang lebih panjang dari yang disimpan dopool; kolom itu dipotong: %1</translation>
    </message>
    <message>
        <source>the API token given is a pool encryption key (%1), not a DigitalOcean token; it was not sent anywhere nor stored</source>
        <translation>token API yang diberikan adalah kunci enkripsi pool (%1), bukan token DigitalOcean; token itu tidak dikirim ke mana pun dan tidak disimpan</translation>
    </message>
    <message>
        <source>held in the OS keychain, fingerprint %1</source>
        <translation>tersimpan di keychain OS, sidik jari %1</translation>
    </message>
    <message>
        <source>this pool&apos;s key</source>
        <translation>kunci pool ini</translation>
    </message>
    <message>
        <source>account &apos;%1&apos; already has this token; one DigitalOcean account must not be in the pool twice (its droplets would count twice)</source>
        <translation>akun &apos;%1&apos; sudah memiliki token ini; satu akun DigitalOcean tidak boleh ada di pool dua kali (droplet-nya akan terhitung dua kali)</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3</source>
        <translation>%1 harus berupa angka dari %2 sampai %3</translation>
    </message>
    <message>
        <source>order %1 (task %2) FAILED: %3</source>
        <translation>pesanan %1 (tugas %2) GAGAL: %3</translation>
    </message>
    <message>
        <source>DigitalOcean does not offer region &apos;%1&apos;</source>
        <translation>DigitalOcean tidak menawarkan region &apos;%1&apos;</translation>
    </message>
    <message>
        <source>DigitalOcean does not offer size &apos;%1&apos;</source>
        <translation>DigitalOcean tidak menawarkan ukuran &apos;%1&apos;</translation>
    </message>
    <message>
        <source>DigitalOcean does not offer size &apos;%1&apos; in region &apos;%2&apos;</source>
        <translation>DigitalOcean tidak menawarkan ukuran &apos;%1&apos; di region &apos;%2&apos;</translation>
    </message>
    <message>
        <source>DigitalOcean does not offer image &apos;%1&apos;</source>
        <translation>DigitalOcean tidak menawarkan image &apos;%1&apos;</translation>
    </message>
    <message>
        <source>order %1: adopted task %2 (its claimer stopped renewing)</source>
        <translation>pesanan %1: tugas %2 diambil alih (pengklaimnya berhenti memperbarui klaim)</translation>
    </message>
    <message>
        <source>order %1: claimed task %2</source>
        <translation>pesanan %1: tugas %2 diklaim</translation>
    </message>
    <message>
        <source>order %1 FAILED: %2</source>
        <translation>pesanan %1 GAGAL: %2</translation>
    </message>
    <message>
        <source>the order names account &apos;%1&apos;, which is not active</source>
        <translation>pesanan menyebut akun &apos;%1&apos;, yang tidak aktif</translation>
    </message>
    <message>
        <source>the order names account %1, which is not in the pool</source>
        <translation>pesanan menyebut akun %1, yang tidak ada di pool</translation>
    </message>
    <message>
        <source>task %1: adopted from an instance that stopped renewing its claim; looking for its droplet by tags on &apos;%2&apos;</source>
        <translation>tugas %1: diambil alih dari instans yang berhenti memperbarui klaimnya; mencari droplet-nya lewat tag di &apos;%2&apos;</translation>
    </message>
    <message>
        <source>adopted task: looking for its droplet failed (%1); left UNCERTAIN for the next rounds</source>
        <translation>tugas yang diambil alih: pencarian droplet-nya gagal (%1); dibiarkan UNCERTAIN untuk putaran berikutnya</translation>
    </message>
    <message>
        <source>no account had room for %1 s: %2</source>
        <translation>tidak ada akun yang memiliki ruang selama %1 dtk: %2</translation>
    </message>
    <message>
        <source>order %1 waits for capacity (task %2): %3</source>
        <translation>pesanan %1 menunggu kapasitas (tugas %2): %3</translation>
    </message>
    <message>
        <source>cannot save provisioning task %1 before creating its droplet; nothing was sent to DigitalOcean</source>
        <translation>tidak dapat menyimpan tugas penyediaan %1 sebelum membuat droplet-nya; tidak ada yang dikirim ke DigitalOcean</translation>
    </message>
</context>
<context>
    <name>dopool::api::ApiCall</name>
    <message>
        <source>no network access manager available</source>
        <translation>tidak ada network access manager yang tersedia</translation>
    </message>
</context>
<context>
    <name>dopool::cli</name>
    <message>
        <source>account add needs --name NAME</source>
        <translation>account add memerlukan --name NAMA</translation>
    </message>
    <message>
        <source>Added account &apos;%1&apos; (%2), token %3.</source>
        <translation>Akun &apos;%1&apos; (%2) ditambahkan, token %3.</translation>
    </message>
    <message>
        <source>%1 needs the account&apos;s id or name</source>
        <translation>%1 memerlukan id atau nama akun</translation>
    </message>
    <message>
        <source>--primary and --no-primary contradict each other</source>
        <translation>--primary dan --no-primary saling bertentangan</translation>
    </message>
    <message>
        <source>--active and --inactive contradict each other</source>
        <translation>--active dan --inactive saling bertentangan</translation>
    </message>
    <message>
        <source>account update: nothing to change (see dopool-cli --help)</source>
        <translation>account update: tidak ada yang diubah (lihat dopool-cli --help)</translation>
    </message>
    <message>
        <source>Updated account &apos;%1&apos; (%2).</source>
        <translation>Akun &apos;%1&apos; (%2) diperbarui.</translation>
    </message>
    <message>
        <source>Deleted account &apos;%1&apos; (%2).</source>
        <translation>Akun &apos;%1&apos; (%2) dihapus.</translation>
    </message>
    <message>
        <source>add an account to the pool</source>
        <translation>tambahkan akun ke pool</translation>
    </message>
    <message>
        <source>list the pool&apos;s accounts</source>
        <translation>daftar akun di pool</translation>
    </message>
    <message>
        <source>show one account (token masked)</source>
        <translation>tampilkan satu akun (token disamarkan)</translation>
    </message>
    <message>
        <source>change an account</source>
        <translation>ubah akun</translation>
    </message>
    <message>
        <source>remove an account from the pool</source>
        <translation>hapus akun dari pool</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>No accounts in the pool. Add one with: dopool-cli account add --name NAME --token-stdin</source>
        <translation>Belum ada akun di pool. Tambahkan dengan: dopool-cli account add --name NAMA --token-stdin</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAMA</translation>
    </message>
    <message>
        <source>EMAIL</source>
        <translation>EMAIL</translation>
    </message>
    <message>
        <source>CAPACITY</source>
        <translation>KAPASITAS</translation>
    </message>
    <message>
        <source>HEALTH</source>
        <translation>KESEHATAN</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>AKTIF</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Total capacity (active accounts): %1    * = primary</source>
        <translation>Kapasitas total (akun aktif): %1    * = utama</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nama:</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>Kapasitas:</translation>
    </message>
    <message>
        <source>Primary:</source>
        <translation>Utama:</translation>
    </message>
    <message>
        <source>Active:</source>
        <translation>Aktif:</translation>
    </message>
    <message>
        <source>Health:</source>
        <translation>Kesehatan:</translation>
    </message>
    <message>
        <source>Last health check:</source>
        <translation>Pemeriksaan kesehatan terakhir:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Sinkronisasi terakhir:</translation>
    </message>
    <message>
        <source>DO account uuid:</source>
        <translation>UUID akun DO:</translation>
    </message>
    <message>
        <source>DO status:</source>
        <translation>Status DO:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Galat terakhir:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Dibuat:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Diperbarui:</translation>
    </message>
    <message>
        <source>Usage: dopool-cli [--db URL] [--api-base URL] [--json] COMMAND [ARGS]

  --db URL         sqlite:PATH or postgresql://user@host:port/db?sslmode=... (env DOPOOL_DB; default: a SQLite file in your app-data folder)
  --api-base URL   DigitalOcean API base (env DOPOOL_API_BASE; default https://api.digitalocean.com)
  --json           print one JSON document on stdout
  --version        print the version

Commands:
</source>
        <translation>Penggunaan: dopool-cli [--db URL] [--api-base URL] [--json] PERINTAH [ARGUMEN]

  --db URL         sqlite:PATH atau postgresql://user@host:port/db?sslmode=... (env DOPOOL_DB; bawaan: file SQLite di folder data aplikasi Anda)
  --api-base URL   URL dasar API DigitalOcean (env DOPOOL_API_BASE; bawaan https://api.digitalocean.com)
  --json           cetak satu dokumen JSON ke stdout
  --version        cetak versi

Perintah:
</translation>
    </message>
    <message>
        <source>
Tokens are read only from standard input (--token-stdin) or an environment variable (--token-env VAR), never from the command line.
Exit codes: 0 ok, 2 usage/validation, 3 no available account, 4 DigitalOcean API/auth failure, 5 store failure, 6 key/crypto failure.
</source>
        <translation>
Token hanya dibaca dari standard input (--token-stdin) atau variabel lingkungan (--token-env VAR), tidak pernah dari baris perintah.
Kode keluar: 0 ok, 2 penggunaan/validasi, 3 tidak ada akun yang tersedia, 4 kegagalan API/autentikasi DigitalOcean, 5 kegagalan penyimpanan, 6 kegagalan kunci/kripto.
</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>opsi %1 memerlukan nilai</translation>
    </message>
    <message>
        <source>ENCRYPTION_KEY is malformed: %1</source>
        <translation>ENCRYPTION_KEY salah bentuk: %1</translation>
    </message>
    <message>
        <source>give the %1 with exactly one of --%1-stdin or --%1-env VAR</source>
        <translation>berikan %1 dengan tepat satu dari --%1-stdin atau --%1-env VAR</translation>
    </message>
    <message>
        <source>--%1-stdin: standard input is not available</source>
        <translation>--%1-stdin: standard input tidak tersedia</translation>
    </message>
    <message>
        <source>--%1-stdin: no %1 on standard input</source>
        <translation>--%1-stdin: tidak ada %1 di standard input</translation>
    </message>
    <message>
        <source>--%1-env: environment variable %2 is not set</source>
        <translation>--%1-env: variabel lingkungan %2 tidak diset</translation>
    </message>
    <message>
        <source>db password needs a PostgreSQL --db URL (SQLite has no password)</source>
        <translation>db password memerlukan URL --db PostgreSQL (SQLite tidak memakai kata sandi)</translation>
    </message>
    <message>
        <source>Stored the password for %1 in the OS keychain.</source>
        <translation>Kata sandi untuk %1 disimpan di keychain OS.</translation>
    </message>
    <message>
        <source>check a PostgreSQL password and keep it in the OS keychain</source>
        <translation>periksa kata sandi PostgreSQL dan simpan di keychain OS</translation>
    </message>
    <message>
        <source>%1 of %2 accounts failed; first reason: %3</source>
        <translation>%1 dari %2 akun gagal; alasan pertama: %3</translation>
    </message>
    <message>
        <source>%1 needs an account&apos;s id or name, or --all</source>
        <translation>%1 memerlukan id atau nama akun, atau --all</translation>
    </message>
    <message>
        <source>No accounts in the pool.</source>
        <translation>Belum ada akun di pool.</translation>
    </message>
    <message>
        <source>Next droplet goes to &apos;%1&apos; (%2): %3</source>
        <translation>Droplet berikutnya masuk ke &apos;%1&apos; (%2): %3</translation>
    </message>
    <message>
        <source>Task %1: droplet %2 (id %3) created on account &apos;%4&apos;.</source>
        <translation>Tugas %1: droplet %2 (id %3) dibuat di akun &apos;%4&apos;.</translation>
    </message>
    <message>
        <source>refresh capacity and health from DigitalOcean</source>
        <translation>perbarui kapasitas dan kesehatan dari DigitalOcean</translation>
    </message>
    <message>
        <source>check accounts&apos; health</source>
        <translation>periksa kesehatan akun</translation>
    </message>
    <message>
        <source>report which account the next droplet would go to (reserves nothing)</source>
        <translation>laporkan akun tujuan droplet berikutnya (tanpa memesan apa pun)</translation>
    </message>
    <message>
        <source>DOPOOL_SELECTION_POLICY must be plan-order or least-utilised</source>
        <translation>DOPOOL_SELECTION_POLICY harus plan-order atau least-utilised</translation>
    </message>
    <message>
        <source>DOPOOL_UTILISATION_THRESHOLD must be a percentage from 1 to 100</source>
        <translation>DOPOOL_UTILISATION_THRESHOLD harus persentase dari 1 sampai 100</translation>
    </message>
    <message>
        <source>DOPOOL_API_TIMEOUT_MS must be from 100 to 600000</source>
        <translation>DOPOOL_API_TIMEOUT_MS harus dari 100 sampai 600000</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN is not set: nothing to import</source>
        <translation>DO_ACCESS_TOKEN tidak diset: tidak ada yang diimpor</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN is already in the pool as account &apos;%1&apos; (%2); nothing changed.</source>
        <translation>DO_ACCESS_TOKEN sudah ada di pool sebagai akun &apos;%1&apos; (%2); tidak ada yang berubah.</translation>
    </message>
    <message>
        <source>Imported DO_ACCESS_TOKEN as the primary account &apos;%1&apos; (%2). Once the order-service uses the pool, DO_ACCESS_TOKEN can be removed (migration phase E).</source>
        <translation>DO_ACCESS_TOKEN diimpor sebagai akun utama &apos;%1&apos; (%2). Setelah order-service memakai pool, DO_ACCESS_TOKEN dapat dihapus (migrasi fase E).</translation>
    </message>
    <message>
        <source>make DO_ACCESS_TOKEN the pool&apos;s primary account (once)</source>
        <translation>jadikan DO_ACCESS_TOKEN akun utama pool (sekali saja)</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>variabel lingkungan %1 tidak diset</translation>
    </message>
    <message>
        <source>the key in %1 is malformed: %2</source>
        <translation>kunci di %1 salah bentuk: %2</translation>
    </message>
    <message>
        <source>Imported the pool key (fingerprint %1) into the OS keychain.</source>
        <translation>Kunci pool (sidik jari %1) diimpor ke keychain OS.</translation>
    </message>
    <message>
        <source>your key (fingerprint %1, from the %2) is not the pool&apos;s key (fingerprint %3)</source>
        <translation>kunci Anda (sidik jari %1, dari %2) bukan kunci pool (sidik jari %3)</translation>
    </message>
    <message>
        <source>Key fingerprint: %1 (from the %2)</source>
        <translation>Sidik jari kunci: %1 (dari %2)</translation>
    </message>
    <message>
        <source>The pool has no key check value yet; it adopts this key on first use.</source>
        <translation>Pool belum memiliki nilai pemeriksa kunci; pool memakai kunci ini pada penggunaan pertama.</translation>
    </message>
    <message>
        <source>Matches the pool&apos;s key.</source>
        <translation>Cocok dengan kunci pool.</translation>
    </message>
    <message>
        <source>the new key is the key the pool already uses</source>
        <translation>kunci baru sama dengan kunci yang sudah dipakai pool</translation>
    </message>
    <message>
        <source>show this process&apos;s key fingerprint and the pool&apos;s</source>
        <translation>tampilkan sidik jari kunci proses ini dan milik pool</translation>
    </message>
    <message>
        <source>re-encrypt every token with a new key, in one transaction</source>
        <translation>enkripsi ulang semua token dengan kunci baru, dalam satu transaksi</translation>
    </message>
    <message>
        <source>tokens are never accepted on the command line (other users can read it); use --token-stdin or --token-env VAR</source>
        <translation>token tidak pernah diterima di baris perintah (pengguna lain dapat membacanya); gunakan --token-stdin atau --token-env VAR</translation>
    </message>
    <message>
        <source>option --%1 takes no value</source>
        <translation>opsi --%1 tidak menerima nilai</translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation>opsi --%1 memerlukan nilai</translation>
    </message>
    <message>
        <source>unknown option --%1</source>
        <translation>opsi tidak dikenal --%1</translation>
    </message>
    <message>
        <source>--%1 must be a number of seconds from 1 to 86400</source>
        <translation>--%1 harus jumlah detik dari 1 sampai 86400</translation>
    </message>
    <message>
        <source>DOPOOL_WEBHOOK_URL must be an https URL (plain http only to a loopback host)</source>
        <translation>DOPOOL_WEBHOOK_URL harus URL https (http biasa hanya ke host loopback)</translation>
    </message>
    <message>
        <source>  (resolved %1)</source>
        <translation>  (selesai %1)</translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to 10000</source>
        <translation>--limit harus angka dari 1 sampai 10000</translation>
    </message>
    <message>
        <source>No provisioning tasks yet.</source>
        <translation>Belum ada tugas penyediaan.</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>Tidak ada peringatan terbuka.</translation>
    </message>
    <message>
        <source>Pool:            %1 (%2)
</source>
        <translation>Pool:             %1 (%2)
</translation>
    </message>
    <message>
        <source>Accounts:        %1 (%2 active, %3 usable, %4 full, %5 unhealthy)
</source>
        <translation>Akun:             %1 (%2 aktif, %3 dapat dipakai, %4 penuh, %5 tidak sehat)
</translation>
    </message>
    <message>
        <source>Total capacity:  %1, %2 free slots on usable accounts
</source>
        <translation>Kapasitas total:  %1, %2 slot kosong di akun yang dapat dipakai
</translation>
    </message>
    <message>
        <source>Last sync:       %1
</source>
        <translation>Sinkron terakhir: %1
</translation>
    </message>
    <message>
        <source>Open alerts:     %1</source>
        <translation>Peringatan aktif: %1</translation>
    </message>
    <message>
        <source>summarise the pool: capacity, health, alerts</source>
        <translation>ringkasan pool: kapasitas, kesehatan, peringatan</translation>
    </message>
    <message>
        <source>list provisioning tasks, newest first</source>
        <translation>daftar tugas penyediaan, terbaru lebih dulu</translation>
    </message>
    <message>
        <source>list open alerts (--all: with history)</source>
        <translation>daftar peringatan terbuka (--all: dengan riwayat)</translation>
    </message>
    <message>
        <source>token verification failed: %1</source>
        <translation>verifikasi token gagal: %1</translation>
    </message>
    <message>
        <source>--no-verify needs --email EMAIL (nothing asks DigitalOcean for it)</source>
        <translation>--no-verify memerlukan --email EMAIL (tidak ada yang menanyakannya ke DigitalOcean)</translation>
    </message>
    <message>
        <source>--account needs an account id or name</source>
        <translation>--account memerlukan id atau nama akun</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Belum ada perubahan yang tercatat.</translation>
    </message>
    <message>
        <source>who changed what in the pool, newest first (never a token)</source>
        <translation>siapa mengubah apa di pool, terbaru dulu (tidak pernah token)</translation>
    </message>
    <message>
        <source>Shared:          %1 instance(s) online, rounds led by %2
</source>
        <translation>Bersama:          %1 instans online, putaran dipimpin oleh %2
</translation>
    </message>
    <message>
        <source>nobody right now</source>
        <translation>tidak ada saat ini</translation>
    </message>
    <message>
        <source>unknown command %1 (see dopool-cli --help)</source>
        <translation>perintah tidak dikenal %1 (lihat dopool-cli --help)</translation>
    </message>
    <message>
        <source>--%1-env takes the NAME of an environment variable, not the %1 itself (the value given is not shown)</source>
        <translation>--%1-env menerima NAMA variabel lingkungan, bukan %1 itu sendiri (nilai yang diberikan tidak ditampilkan)</translation>
    </message>
    <message>
        <source>give the key with exactly one of --%1 VAR or --%2 FILE</source>
        <translation>berikan kunci dengan tepat satu dari --%1 VAR atau --%2 BERKAS</translation>
    </message>
    <message>
        <source>--%1 needs the path of a key file</source>
        <translation>--%1 memerlukan path berkas kunci</translation>
    </message>
    <message>
        <source>--%1 needs the name of an environment variable holding the key</source>
        <translation>--%1 memerlukan nama variabel lingkungan yang berisi kunci</translation>
    </message>
    <message>
        <source>--%1 takes the NAME of an environment variable, not the key itself (the value given is not shown)</source>
        <translation>--%1 menerima NAMA variabel lingkungan, bukan kunci itu sendiri (nilai yang diberikan tidak ditampilkan)</translation>
    </message>
    <message>
        <source>key export needs exactly one of --to FILE (written with mode 0600, never over an existing file) or --stdout</source>
        <translation>key export memerlukan tepat satu dari --to BERKAS (ditulis dengan mode 0600, tidak pernah menimpa berkas yang ada) atau --stdout</translation>
    </message>
    <message>
        <source>key export --stdout prints the bare key; it has no --json form</source>
        <translation>key export --stdout mencetak kunci saja; tidak ada bentuk --json</translation>
    </message>
    <message>
        <source>Wrote the pool key (fingerprint %1) to %2 (mode 0600). Keep it offline; it opens every token of this pool.</source>
        <translation>Kunci pool (sidik jari %1) ditulis ke %2 (mode 0600). Simpan secara offline; kunci ini membuka setiap token pool ini.</translation>
    </message>
    <message>
        <source>key forget needs the fingerprint of the key to remove (like ab12-cd34-ef56-7890)</source>
        <translation>key forget memerlukan sidik jari kunci yang akan dihapus (seperti ab12-cd34-ef56-7890)</translation>
    </message>
    <message>
        <source>%1 is this pool&apos;s current key; it stays in the keychain</source>
        <translation>%1 adalah kunci pool ini saat ini; kunci tetap di keychain</translation>
    </message>
    <message>
        <source>Removed the key %1 from the OS keychain.</source>
        <translation>Kunci %1 dihapus dari keychain OS.</translation>
    </message>
    <message>
        <source>the new key could not be stored in the OS keychain, so nothing was re-encrypted: %1</source>
        <translation>kunci baru tidak dapat disimpan di keychain OS, jadi tidak ada yang dienkripsi ulang: %1</translation>
    </message>
    <message numerus="yes">
        <source>Re-encrypted %n token(s) with the new key (fingerprint %1).</source>
        <translation>
            <numerusform>Mengenkripsi ulang %n token dengan kunci baru (sidik jari %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>The new key is in the OS keychain; the old key (%1) stays there for backups made before now: remove it with &apos;dopool-cli key forget %1&apos; when you no longer need it.</source>
        <translation>Kunci baru ada di keychain OS; kunci lama (%1) tetap di sana untuk cadangan yang dibuat sebelum saat ini: hapus dengan &apos;dopool-cli key forget %1&apos; bila tidak lagi diperlukan.</translation>
    </message>
    <message>
        <source>The OS keychain could not store the new key: keep the variable or file you gave it in.</source>
        <translation>Keychain OS tidak dapat menyimpan kunci baru: simpan variabel atau berkas tempat Anda memberikannya.</translation>
    </message>
    <message>
        <source>ENCRYPTION_KEY still holds the old key: give every instance and the order-service the new key.</source>
        <translation>ENCRYPTION_KEY masih berisi kunci lama: berikan kunci baru ke setiap instans dan order-service.</translation>
    </message>
    <message>
        <source>put the pool&apos;s existing key into the OS keychain</source>
        <translation>simpan kunci pool yang sudah ada ke keychain OS</translation>
    </message>
    <message>
        <source>write the pool&apos;s key to a new file (0600) for a recovery copy or the order-service</source>
        <translation>tulis kunci pool ke berkas baru (0600) sebagai salinan pemulihan atau untuk order-service</translation>
    </message>
    <message>
        <source>remove an old key (not the pool&apos;s current one) from the OS keychain</source>
        <translation>hapus kunci lama (bukan kunci pool saat ini) dari keychain OS</translation>
    </message>
    <message>
        <source>unknown option (not shown: it looks like a secret)</source>
        <translation>opsi tidak dikenal (tidak ditampilkan: tampaknya sebuah rahasia)</translation>
    </message>
    <message>
        <source>unexpected argument %1</source>
        <translation>argumen tak terduga %1</translation>
    </message>
    <message>
        <source>dopool-cli serve on %1 (pid %2) stopped its rounds: %3</source>
        <translation>dopool-cli serve di %1 (pid %2) menghentikan putarannya: %3</translation>
    </message>
    <message>
        <source>%1 must be a number of seconds from 1 to 3600</source>
        <translation>%1 harus jumlah detik dari 1 sampai 3600</translation>
    </message>
    <message>
        <source>dopool-cli: not stopped %1 s after the signal (waiting on the database?); exiting without waiting
</source>
        <translation>dopool-cli: belum berhenti %1 detik setelah sinyal (menunggu database?); keluar tanpa menunggu
</translation>
    </message>
    <message>
        <source>Order %1 already has task %2 (CREATED): droplet %3 (id %4) on account &apos;%5&apos;. No droplet was created; use --another for a second one.</source>
        <translation>Pesanan %1 sudah memiliki tugas %2 (CREATED): droplet %3 (id %4) di akun &apos;%5&apos;. Tidak ada droplet yang dibuat; gunakan --another untuk droplet kedua.</translation>
    </message>
    <message>
        <source>Order %1 already has task %2 (%3), still being provisioned. No droplet was created; run &apos;tasks&apos; to follow it, or use --another for a second one.</source>
        <translation>Pesanan %1 sudah memiliki tugas %2 (%3) yang masih disediakan. Tidak ada droplet yang dibuat; jalankan &apos;tasks&apos; untuk memantaunya, atau gunakan --another untuk droplet kedua.</translation>
    </message>
    <message>
        <source>It is active.</source>
        <translation>Droplet sudah aktif.</translation>
    </message>
    <message>
        <source>It is &apos;%1&apos;: DigitalOcean is still setting it up (--wait waits until it is active).</source>
        <translation>Statusnya &apos;%1&apos;: DigitalOcean masih menyiapkannya (--wait menunggu sampai aktif).</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Catatan: %1</translation>
    </message>
    <message>
        <source>create the order&apos;s droplet on the best account, failing over as needed (an order that has one gets it back)</source>
        <translation>membuat droplet pesanan di akun terbaik, beralih ke akun lain bila perlu (pesanan yang sudah memilikinya mendapatkan droplet itu kembali)</translation>
    </message>
    <message>
        <source>DOPOOL_UNCERTAIN_WINDOW_MS must be a number from 0 to 3600000</source>
        <translation>DOPOOL_UNCERTAIN_WINDOW_MS harus berupa angka dari 0 sampai 3600000</translation>
    </message>
    <message>
        <source>DOPOOL_UNCERTAIN_GRACE_SECS must be a number from 1 to 604800</source>
        <translation>DOPOOL_UNCERTAIN_GRACE_SECS harus berupa angka dari 1 sampai 604800</translation>
    </message>
    <message>
        <source>[extra]</source>
        <translation>[tambahan]</translation>
    </message>
    <message>
        <source>DigitalOcean listed no regions.</source>
        <translation>DigitalOcean tidak mencantumkan region apa pun.</translation>
    </message>
    <message>
        <source>SLUG</source>
        <translation>SLUG</translation>
    </message>
    <message>
        <source>AVAILABLE</source>
        <translation>TERSEDIA</translation>
    </message>
    <message>
        <source>SIZES</source>
        <translation>UKURAN</translation>
    </message>
    <message>
        <source>--region needs a region slug</source>
        <translation>--region memerlukan slug region</translation>
    </message>
    <message>
        <source>DigitalOcean has no region &apos;%1&apos; (see dopool-cli catalog regions)</source>
        <translation>DigitalOcean tidak memiliki region &apos;%1&apos; (lihat dopool-cli catalog regions)</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>DigitalOcean listed no sizes.</source>
        <translation>DigitalOcean tidak mencantumkan ukuran apa pun.</translation>
    </message>
    <message>
        <source>No size is offered in %1.</source>
        <translation>Tidak ada ukuran yang ditawarkan di %1.</translation>
    </message>
    <message>
        <source>VCPUS</source>
        <translation>VCPU</translation>
    </message>
    <message>
        <source>MEMORY</source>
        <translation>MEMORI</translation>
    </message>
    <message>
        <source>DISK</source>
        <translation>DISK</translation>
    </message>
    <message>
        <source>PER MONTH</source>
        <translation>PER BULAN</translation>
    </message>
    <message>
        <source>CLASS</source>
        <translation>KELAS</translation>
    </message>
    <message>
        <source>DigitalOcean listed no images.</source>
        <translation>DigitalOcean tidak mencantumkan image apa pun.</translation>
    </message>
    <message>
        <source>DISTRIBUTION</source>
        <translation>DISTRIBUSI</translation>
    </message>
    <message>
        <source>list DigitalOcean&apos;s regions (for provision --region)</source>
        <translation>tampilkan region DigitalOcean (untuk provision --region)</translation>
    </message>
    <message>
        <source>list droplet sizes with prices (--region: those offered there)</source>
        <translation>tampilkan ukuran droplet beserta harganya (--region: yang ditawarkan di sana)</translation>
    </message>
    <message>
        <source>list DigitalOcean&apos;s distribution images (for provision --image)</source>
        <translation>tampilkan image distribusi DigitalOcean (untuk provision --image)</translation>
    </message>
    <message>
        <source>print the shell completion script for bash, zsh or fish</source>
        <translation>cetak skrip pelengkapan shell untuk bash, zsh atau fish</translation>
    </message>
    <message>
        <source>completion needs a shell: %1</source>
        <translation>completion memerlukan shell: %1</translation>
    </message>
    <message>
        <source>--status must be one or more of %1 (comma-separated)</source>
        <translation>--status harus salah satu atau lebih dari %1 (dipisahkan koma)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>bawaan</translation>
    </message>
    <message>
        <source>  droplet %1 (id %2)</source>
        <translation>  droplet %1 (id %2)</translation>
    </message>
    <message>
        <source>  claimed by %1</source>
        <translation>  diambil oleh %1</translation>
    </message>
    <message>
        <source>%1 needs ORDER (an order id)</source>
        <translation>%1 memerlukan ORDER (id pesanan)</translation>
    </message>
    <message>
        <source>run scheduled sync, health checks, alerts and the order queue until SIGTERM/SIGINT</source>
        <translation>jalankan sinkronisasi terjadwal, pemeriksaan kesehatan, peringatan, dan antrean pesanan hingga SIGTERM/SIGINT</translation>
    </message>
    <message>
        <source>Queued order %1 as task %2 (PENDING); a running `dopool-cli serve` provisions it.</source>
        <translation>Pesanan %1 masuk antrean sebagai tugas %2 (PENDING); `dopool-cli serve` yang berjalan akan menyediakannya.</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>Belum ada pesanan.</translation>
    </message>
    <message>
        <source>No orders in %1.</source>
        <translation>Tidak ada pesanan dengan status %1.</translation>
    </message>
    <message>
        <source>Order %1 queued again as task %2 (PENDING).</source>
        <translation>Pesanan %1 masuk antrean lagi sebagai tugas %2 (PENDING).</translation>
    </message>
    <message>
        <source>Order %1 cancelled (task %2); it gets no droplet.</source>
        <translation>Pesanan %1 dibatalkan (tugas %2); pesanan ini tidak mendapat droplet.</translation>
    </message>
    <message>
        <source>queue an order the way the order-service does (serve provisions it)</source>
        <translation>masukkan pesanan ke antrean seperti yang dilakukan order-service (serve yang menyediakannya)</translation>
    </message>
    <message>
        <source>list the order queue, newest first</source>
        <translation>tampilkan antrean pesanan, terbaru lebih dulu</translation>
    </message>
    <message>
        <source>queue a failed or cancelled order again</source>
        <translation>antrekan lagi pesanan yang gagal atau dibatalkan</translation>
    </message>
    <message>
        <source>cancel a queued order nobody has claimed yet</source>
        <translation>batalkan pesanan dalam antrean yang belum diambil siapa pun</translation>
    </message>
    <message>
        <source>Orders:          %1 queued, %2 waiting for capacity, %3 in progress</source>
        <translation>Pesanan:         %1 dalam antrean, %2 menunggu kapasitas, %3 sedang diproses</translation>
    </message>
    <message>
        <source> (oldest queued %1 min ago, since %2)</source>
        <translation> (antrean tertua %1 menit lalu, sejak %2)</translation>
    </message>
    <message>
        <source>option %1 was given more than once</source>
        <translation>opsi %1 diberikan lebih dari sekali</translation>
    </message>
    <message>
        <source>--%1-stdin: standard input holds more than %2 bytes; that is no %1, and it is refused rather than cut</source>
        <translation>--%1-stdin: masukan standar berisi lebih dari %2 byte; itu bukan %1, dan ditolak, bukan dipotong</translation>
    </message>
    <message>
        <source>--%1-stdin: standard input holds more than one line; give the %1 alone on one line</source>
        <translation>--%1-stdin: masukan standar berisi lebih dari satu baris; berikan %1 saja dalam satu baris</translation>
    </message>
    <message>
        <source>the order id</source>
        <translation>id pesanan</translation>
    </message>
    <message>
        <source>key export --to - would write a file named &apos;-&apos;; to print the key use --stdout</source>
        <translation>key export --to - akan menulis berkas bernama &apos;-&apos;; untuk mencetak kunci gunakan --stdout</translation>
    </message>
    <message>
        <source>an empty argument was given where an id or a name belongs</source>
        <translation>argumen kosong diberikan di tempat id atau nama</translation>
    </message>
    <message>
        <source>option --%1 was given more than once</source>
        <translation>opsi --%1 diberikan lebih dari sekali</translation>
    </message>
    <message>
        <source>DigitalOcean gave this account an email dopool cannot store (%1); give one with --email</source>
        <translation>DigitalOcean memberi akun ini email yang tidak dapat disimpan dopool (%1); berikan email dengan --email</translation>
    </message>
    <message>
        <source>--api-base is empty; give a URL such as https://api.digitalocean.com, or leave the option out</source>
        <translation>--api-base kosong; berikan URL seperti https://api.digitalocean.com, atau hilangkan opsi ini</translation>
    </message>
    <message>
        <source>%1 needs --order-id ID</source>
        <translation>%1 memerlukan --order-id ID</translation>
    </message>
    <message>
        <source>backup needs --to FILE: a new file (written with mode 0600, never over an existing file)</source>
        <translation>backup memerlukan --to BERKAS: berkas baru (ditulis dengan mode 0600, tidak pernah menimpa berkas yang sudah ada)</translation>
    </message>
    <message>
        <source>none (the pool has no key yet)</source>
        <translation>tidak ada (pool belum memiliki kunci)</translation>
    </message>
    <message>
        <source>Backed up %1 (schema version %2) to %3 (mode 0600): %4 rows, %5 bytes, in %6 ms.
Key fingerprint: %7 (the key is not in the backup; keep it apart)
%8</source>
        <translation>Mencadangkan %1 (skema versi %2) ke %3 (mode 0600): %4 baris, %5 byte, dalam %6 ms.
Sidik jari kunci: %7 (kunci tidak ada di dalam cadangan; simpan terpisah)
%8</translation>
    </message>
    <message>
        <source>Restored %1 (a %2 backup of schema version %3) into %4: %5 rows. Schema version %6, complete.
%7</source>
        <translation>Memulihkan %1 (cadangan %2 skema versi %3) ke %4: %5 baris. Skema versi %6, lengkap.
%7</translation>
    </message>
    <message>
        <source>Not restored (they describe the instances online at backup time): %1</source>
        <translation>Tidak dipulihkan (menggambarkan instans yang daring saat pencadangan): %1</translation>
    </message>
    <message>
        <source>restore needs --from FILE: a backup that &apos;dopool-cli backup&apos; wrote</source>
        <translation>restore memerlukan --from BERKAS: cadangan yang ditulis oleh &apos;dopool-cli backup&apos;</translation>
    </message>
    <message>
        <source>Schema version %1 of %2: complete.</source>
        <translation>Skema versi %1 dari %2: lengkap.</translation>
    </message>
    <message>
        <source>%1 holds no dopool pool yet.</source>
        <translation>%1 belum berisi pool dopool.</translation>
    </message>
    <message>
        <source>Repaired: %1.</source>
        <translation>Diperbaiki: %1.</translation>
    </message>
    <message>
        <source>write every table of the pool to a new file (0600), tokens encrypted</source>
        <translation>tulis setiap tabel pool ke berkas baru (0600), token tetap terenkripsi</translation>
    </message>
    <message>
        <source>restore a backup into an empty pool (SQLite or PostgreSQL)</source>
        <translation>pulihkan cadangan ke pool kosong (SQLite atau PostgreSQL)</translation>
    </message>
    <message>
        <source>check that the schema has every table, column, index and trigger; repair what is safe</source>
        <translation>periksa bahwa skema memiliki setiap tabel, kolom, indeks dan trigger; perbaiki yang aman</translation>
    </message>
</context>
<context>
    <name>dopool::desktop::PoolWorker</name>
    <message>
        <source>Demo mode needs a temporary folder and a loopback port</source>
        <translation>Mode demo memerlukan folder sementara dan port loopback</translation>
    </message>
    <message>
        <source>Verify the token with DigitalOcean before saving</source>
        <translation>Verifikasi token dengan DigitalOcean sebelum menyimpan</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; was changed by someone else while you edited it; nothing was saved. Reopen it to see the current values.</source>
        <translation>Akun &apos;%1&apos; diubah orang lain saat Anda menyuntingnya; tidak ada yang disimpan. Buka lagi untuk melihat nilai terkini.</translation>
    </message>
    <message>
        <source>Verify the new token with DigitalOcean before saving</source>
        <translation>Verifikasi token baru dengan DigitalOcean sebelum menyimpan</translation>
    </message>
    <message>
        <source>The pool is not open</source>
        <translation>Pool belum terbuka</translation>
    </message>
    <message>
        <source>This desktop&apos;s key (%1) is not the pool&apos;s key (%2) any more; import the new key before exporting it</source>
        <translation>Kunci desktop ini (%1) bukan lagi kunci pool (%2); impor kunci baru sebelum mengekspornya</translation>
    </message>
    <message>
        <source>This token is already in the pool as account &apos;%1&apos;; nothing was added</source>
        <translation>Token ini sudah ada di pool sebagai akun &apos;%1&apos;; tidak ada yang ditambahkan</translation>
    </message>
    <message>
        <source>This is the pool&apos;s encryption key, not a DigitalOcean token; it was not sent anywhere</source>
        <translation>Ini adalah kunci enkripsi pool, bukan token DigitalOcean; kunci ini tidak dikirim ke mana pun</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AboutDialog</name>
    <message>
        <source>About DO Account Pool</source>
        <translation>Tentang DO Account Pool</translation>
    </message>
    <message>
        <source>DO Account Pool %1</source>
        <translation>DO Account Pool %1</translation>
    </message>
    <message>
        <source>A pool of DigitalOcean accounts: their capacity and health, and where the next droplet goes.</source>
        <translation>Kumpulan akun DigitalOcean: kapasitas dan kesehatannya, dan ke mana droplet berikutnya dibuat.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>tidak tersedia</translation>
    </message>
    <message>
        <source>not open</source>
        <translation>belum dibuka</translation>
    </message>
    <message>
        <source>demo pool (throwaway SQLite)</source>
        <translation>pool demo (SQLite sementara)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>OpenSSL</source>
        <translation>OpenSSL</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lisensi</translation>
    </message>
    <message>
        <source>Pool database</source>
        <translation>Basis data pool</translation>
    </message>
    <message>
        <source>Pool key fingerprint</source>
        <translation>Sidik jari kunci pool</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>Copy these details</source>
        <translation>Salin rincian ini</translation>
    </message>
    <message>
        <source>Copy these details, for a bug report</source>
        <translation>Salin rincian ini, untuk laporan bug</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>MIT License: free to use, copy, change and share, without warranty (the terms below)</source>
        <translation>Lisensi MIT: bebas dipakai, disalin, diubah, dan dibagikan, tanpa jaminan (ketentuannya di bawah)</translation>
    </message>
    <message>
        <source>Licence terms</source>
        <translation>Ketentuan lisensi</translation>
    </message>
    <message>
        <source>The licence text is missing from this build.</source>
        <translation>Teks lisensi tidak ada dalam build ini.</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AccountDetailView</name>
    <message>
        <source>Pending</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Sedang berjalan</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nama akun</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Segarkan</translation>
    </message>
    <message>
        <source>Refresh account details</source>
        <translation>Segarkan detail akun</translation>
    </message>
    <message>
        <source>Ask DigitalOcean again for this account</source>
        <translation>Tanyakan lagi akun ini ke DigitalOcean</translation>
    </message>
    <message>
        <source>Health history</source>
        <translation>Riwayat kesehatan</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Provisioning tasks</source>
        <translation>Tugas penyediaan</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Droplet ID</source>
        <translation>ID droplet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <source>Account detail sections</source>
        <translation>Bagian detail akun</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Droplets</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>Utilisasi</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tugas</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>DigitalOcean identity</source>
        <translation>Identitas DigitalOcean</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Account UUID</source>
        <translation>UUID akun</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tim</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>Pesan status</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Batas</translation>
    </message>
    <message>
        <source>Droplet limit</source>
        <translation>Batas droplet</translation>
    </message>
    <message>
        <source>Active droplets</source>
        <translation>Droplet aktif</translation>
    </message>
    <message>
        <source>Available slots</source>
        <translation>Slot tersedia</translation>
    </message>
    <message>
        <source>Floating IP limit</source>
        <translation>Batas floating IP</translation>
    </message>
    <message>
        <source>Volume limit</source>
        <translation>Batas volume</translation>
    </message>
    <message>
        <source>API rate limit</source>
        <translation>Batas laju API</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <source>Resets at</source>
        <translation>Direset pada</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Sinkronisasi terakhir</translation>
    </message>
    <message>
        <source>Last health check</source>
        <translation>Pemeriksaan kesehatan terakhir</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Galat terakhir</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Kegagalan berturut-turut</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Droplet list status</source>
        <translation>Status daftar droplet</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Sebelumnya</translation>
    </message>
    <message>
        <source>Previous droplet page</source>
        <translation>Halaman droplet sebelumnya</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Berikutnya</translation>
    </message>
    <message>
        <source>Next droplet page</source>
        <translation>Halaman droplet berikutnya</translation>
    </message>
    <message>
        <source>Droplet page</source>
        <translation>Halaman droplet</translation>
    </message>
    <message>
        <source>Droplets used (%)</source>
        <translation>Droplet terpakai (%)</translation>
    </message>
    <message>
        <source>Utilisation over time</source>
        <translation>Utilisasi dari waktu ke waktu</translation>
    </message>
    <message>
        <source>Not enough history yet: the chart appears after two syncs.</source>
        <translation>Riwayat belum cukup: grafik muncul setelah dua kali sinkronisasi.</translation>
    </message>
    <message>
        <source>Utilisation history status</source>
        <translation>Status riwayat utilisasi</translation>
    </message>
    <message>
        <source>No account selected</source>
        <translation>Tidak ada akun yang dipilih</translation>
    </message>
    <message>
        <source>%1 (primary)</source>
        <translation>%1 (utama)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation>%1 dari %2 permintaan</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>This account has no droplets.</source>
        <translation>Akun ini tidak memiliki droplet.</translation>
    </message>
    <message>
        <source>Loading droplets…</source>
        <translation>Memuat droplet…</translation>
    </message>
    <message>
        <source>Could not load the droplets: %1</source>
        <translation>Tidak dapat memuat droplet: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Halaman %1 dari %2</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Tidak pasti</translation>
    </message>
    <message>
        <source>Waiting for capacity</source>
        <translation>Menunggu kapasitas</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>Tambah akun</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>Sunting akun</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nama akun</translation>
    </message>
    <message>
        <source>e.g. Account 1</source>
        <translation>mis. Akun 1</translation>
    </message>
    <message>
        <source>Account name message</source>
        <translation>Pesan nama akun</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Token API</translation>
    </message>
    <message>
        <source>DigitalOcean personal access token</source>
        <translation>Personal access token DigitalOcean</translation>
    </message>
    <message>
        <source>Leave empty to keep the current token</source>
        <translation>Biarkan kosong untuk mempertahankan token saat ini</translation>
    </message>
    <message>
        <source>Show token</source>
        <translation>Tampilkan token</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tampilkan</translation>
    </message>
    <message>
        <source>Show or hide the token while typing</source>
        <translation>Tampilkan atau sembunyikan token saat mengetik</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <source>Verify token</source>
        <translation>Verifikasi token</translation>
    </message>
    <message>
        <source>Ask DigitalOcean whether this token works</source>
        <translation>Tanyakan ke DigitalOcean apakah token ini berfungsi</translation>
    </message>
    <message>
        <source>API token message</source>
        <translation>Pesan token API</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Hasil verifikasi</translation>
    </message>
    <message>
        <source>Primary (used first when choosing an account)</source>
        <translation>Utama (dipakai lebih dulu saat memilih akun)</translation>
    </message>
    <message>
        <source>Primary account</source>
        <translation>Akun utama</translation>
    </message>
    <message>
        <source>Active (may receive new droplets)</source>
        <translation>Aktif (boleh menerima droplet baru)</translation>
    </message>
    <message>
        <source>Active account</source>
        <translation>Akun aktif</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>&amp;Token API:</translation>
    </message>
    <message>
        <source>Stored at the last sync</source>
        <translation>Tersimpan pada sinkronisasi terakhir</translation>
    </message>
    <message>
        <source>Stored account details</source>
        <translation>Detail akun tersimpan</translation>
    </message>
    <message>
        <source>Stored email</source>
        <translation>Email tersimpan</translation>
    </message>
    <message>
        <source>Stored droplet limit</source>
        <translation>Batas droplet tersimpan</translation>
    </message>
    <message>
        <source>Stored DigitalOcean status</source>
        <translation>Status DigitalOcean tersimpan</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Droplet limit:</source>
        <translation>Batas droplet:</translation>
    </message>
    <message>
        <source>DO status:</source>
        <translation>Status DO:</translation>
    </message>
    <message>
        <source>Save error</source>
        <translation>Galat penyimpanan</translation>
    </message>
    <message>
        <source>Save account</source>
        <translation>Simpan akun</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Sembunyikan</translation>
    </message>
    <message>
        <source>Hide token</source>
        <translation>Sembunyikan token</translation>
    </message>
    <message>
        <source>Asking DigitalOcean about this token…</source>
        <translation>Menanyakan token ini ke DigitalOcean…</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>Verifikasi gagal: %1</translation>
    </message>
    <message>
        <source>Token verified.</source>
        <translation>Token terverifikasi.</translation>
    </message>
    <message>
        <source>Email: %1</source>
        <translation>Email: %1</translation>
    </message>
    <message>
        <source>Droplet limit: %1</source>
        <translation>Batas droplet: %1</translation>
    </message>
    <message>
        <source>DO status: %1</source>
        <translation>Status DO: %1</translation>
    </message>
    <message>
        <source>Verify the token before saving.</source>
        <translation>Verifikasi token sebelum menyimpan.</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Memverifikasi…</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AccountTableModel</name>
    <message>
        <source>%1/%2 (%3%)</source>
        <translation>%1/%2 (%3%)</translation>
    </message>
    <message>
        <source>%1 ★</source>
        <translation>%1 ★</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>%1 — primary account</source>
        <translation>%1 — akun utama</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Belum pernah disinkronkan</translation>
    </message>
    <message>
        <source>Never checked</source>
        <translation>Belum pernah diperiksa</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Kapasitas</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Sinkronisasi terakhir</translation>
    </message>
    <message>
        <source>Last health check</source>
        <translation>Pemeriksaan kesehatan terakhir</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Galat terakhir</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AlertBanner</name>
    <message>
        <source>Pool alerts</source>
        <translation>Peringatan pool</translation>
    </message>
    <message>
        <source>Alert text</source>
        <translation>Teks peringatan</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Dismiss notifications</source>
        <translation>Tutup notifikasi</translation>
    </message>
    <message>
        <source>Clear the notifications (the pool&apos;s state stays shown)</source>
        <translation>Hapus notifikasi (status pool tetap ditampilkan)</translation>
    </message>
    <message numerus="yes">
        <source>All %n usable account(s) are full. New droplets cannot be provisioned.</source>
        <translation>
            <numerusform>Semua %n akun yang dapat dipakai penuh. Droplet baru tidak dapat disediakan.</numerusform>
        </translation>
    </message>
    <message>
        <source>The pool is %1% full (%2/%3 droplets), over the %4% threshold.</source>
        <translation>Pool terisi %1% (%2/%3 droplet), melewati ambang %4%.</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) unhealthy.</source>
        <translation>
            <numerusform>%n akun tidak sehat.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The database is unreachable; retrying. Changes cannot be saved until it is back. (%1)</source>
        <translation>Database tidak dapat dihubungi; mencoba lagi. Perubahan tidak dapat disimpan sampai database kembali. (%1)</translation>
    </message>
    <message>
        <source>No usable account: every account is inactive, unhealthy or degraded. New droplets cannot be provisioned.</source>
        <translation>Tidak ada akun yang dapat dipakai: setiap akun nonaktif, tidak sehat atau menurun. Droplet baru tidak dapat disediakan.</translation>
    </message>
    <message>
        <source>This desktop&apos;s pool key is out of date: nothing can be saved and no rounds run until it has the new key (Pool → Pool Key… → Import). (%1)</source>
        <translation>Kunci pool desktop ini sudah usang: tidak ada yang dapat disimpan dan tidak ada putaran yang berjalan sampai kunci baru dimiliki (Pool → Kunci Pool… → Impor). (%1)</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 dalam antrean</translation>
    </message>
    <message>
        <source>%1 waiting for capacity</source>
        <translation>%1 menunggu kapasitas</translation>
    </message>
    <message>
        <source>Orders: %1; the oldest came in %2 (View → Orders).</source>
        <translation>Pesanan: %1; yang tertua masuk %2 (Tampilan → Pesanan).</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AppSettings</name>
    <message>
        <source>Intervals must be from %1 seconds to 24 hours</source>
        <translation>Interval harus dari %1 detik sampai 24 jam</translation>
    </message>
    <message>
        <source>The utilisation threshold must be from 1 to 100 %</source>
        <translation>Ambang utilisasi harus dari 1 sampai 100 %</translation>
    </message>
    <message>
        <source>The webhook URL must be https:// (or http:// to this machine)</source>
        <translation>URL webhook harus https:// (atau http:// ke mesin ini)</translation>
    </message>
    <message>
        <source>Unknown language: %1</source>
        <translation>Bahasa tidak dikenal: %1</translation>
    </message>
</context>
<context>
    <name>dopool::ui::AuditDialog</name>
    <message>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Tampilkan:</translation>
    </message>
    <message>
        <source>Which changes to show</source>
        <translation>Perubahan yang ditampilkan</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Semua akun</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Refresh the audit log</source>
        <translation>Muat ulang log audit</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Entri audit</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Rincian</translation>
    </message>
    <message>
        <source>Close the audit log</source>
        <translation>Tutup log audit</translation>
    </message>
    <message>
        <source>Only &apos;%1&apos;</source>
        <translation>Hanya &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>%1@%2</source>
        <translation>%1@%2</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n perubahan</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>Log audit tidak dapat dimuat: %1</translation>
    </message>
</context>
<context>
    <name>dopool::ui::BackupController</name>
    <message>
        <source>Pool backups (*.jsonl);;All files (*)</source>
        <translation>Cadangan pool (*.jsonl);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Back up the pool</source>
        <translation>Cadangkan pool</translation>
    </message>
    <message>
        <source>Restore a pool backup</source>
        <translation>Pulihkan cadangan pool</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>&amp;Cadangkan…</translation>
    </message>
    <message>
        <source>Back up every table of the pool to a new file (tokens stay encrypted; the key is not in it)</source>
        <translation>Cadangkan setiap tabel pool ke berkas baru (token tetap terenkripsi; kunci tidak ada di dalamnya)</translation>
    </message>
    <message>
        <source>Backing up the pool to %1…</source>
        <translation>Mencadangkan pool ke %1…</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n row(s) to %1 (%2 bytes, mode 0600). Keep the pool key apart: it is not in the backup.</source>
        <translation>
            <numerusform>Mencadangkan %n baris ke %1 (%2 byte, mode 0600). Simpan kunci pool terpisah: kunci tidak ada di dalam cadangan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restoring the pool from %1…</source>
        <translation>Memulihkan pool dari %1…</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n row(s) from %1.</source>
        <translation>
            <numerusform>Memulihkan %n baris dari %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::CatalogPickers</name>
    <message>
        <source>%1 — %2 vCPU, %3, %4 GB — %5/mo</source>
        <translation>%1 — %2 vCPU, %3, %4 GB — %5/bln</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>DigitalOcean does not list %1 as a region open for new droplets.</source>
        <translation>DigitalOcean tidak mencantumkan %1 sebagai region yang terbuka untuk droplet baru.</translation>
    </message>
    <message>
        <source>DigitalOcean does not offer size %1 in %2.</source>
        <translation>DigitalOcean tidak menawarkan ukuran %1 di %2.</translation>
    </message>
    <message>
        <source>%1 is not one of DigitalOcean&apos;s distribution images (a snapshot or custom image id works too).</source>
        <translation>%1 bukan salah satu image distribusi DigitalOcean (id snapshot atau image kustom juga dapat dipakai).</translation>
    </message>
</context>
<context>
    <name>dopool::ui::DetailDock</name>
    <message>
        <source>Account details</source>
        <translation>Detail akun</translation>
    </message>
</context>
<context>
    <name>dopool::ui::MainWindow</name>
    <message>
        <source>DO Account Pool</source>
        <translation>DO Account Pool</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
    <message>
        <source>Opening the pool…</source>
        <translation>Membuka pool…</translation>
    </message>
    <message>
        <source>Search by name or email</source>
        <translation>Cari menurut nama atau email</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Cari akun</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Pool capacity:</source>
        <translation>Kapasitas pool:</translation>
    </message>
    <message>
        <source>Sync All</source>
        <translation>Sinkronkan Semua</translation>
    </message>
    <message>
        <source>Sync all accounts</source>
        <translation>Sinkronkan semua akun</translation>
    </message>
    <message>
        <source>Pool location</source>
        <translation>Lokasi pool</translation>
    </message>
    <message>
        <source>The pool could not be opened:

%1

Fix the setting in Settings (Ctrl+,) or the environment, then restart.</source>
        <translation>Pool tidak dapat dibuka:

%1

Perbaiki pengaturannya di Pengaturan (Ctrl+,) atau di lingkungan, lalu mulai ulang.</translation>
    </message>
    <message>
        <source>Scheduled sync running…</source>
        <translation>Sinkronisasi terjadwal berjalan…</translation>
    </message>
    <message>
        <source>Health check running…</source>
        <translation>Pemeriksaan kesehatan berjalan…</translation>
    </message>
    <message>
        <source>Scheduled sync: %1 accounts, %2 failed</source>
        <translation>Sinkronisasi terjadwal: %1 akun, %2 gagal</translation>
    </message>
    <message>
        <source>Health check: %1 accounts, %2 failed</source>
        <translation>Pemeriksaan kesehatan: %1 akun, %2 gagal</translation>
    </message>
    <message>
        <source>Demo pool (throwaway SQLite, built-in fake DigitalOcean)</source>
        <translation>Pool demo (SQLite sekali pakai, DigitalOcean tiruan bawaan)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Pool key fingerprint: %1</source>
        <translation>Sidik jari kunci pool: %1</translation>
    </message>
    <message>
        <source>DO Account Pool — demo</source>
        <translation>DO Account Pool — demo</translation>
    </message>
    <message>
        <source>Pool opened</source>
        <translation>Pool dibuka</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Galat: %1</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; added</source>
        <translation>Akun &apos;%1&apos; ditambahkan</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; saved</source>
        <translation>Akun &apos;%1&apos; disimpan</translation>
    </message>
    <message>
        <source>Delete account &apos;%1&apos; (%2) from the pool?

Its droplets on DigitalOcean are not touched; the pool just stops using the account. Its encrypted token is deleted.</source>
        <translation>Hapus akun &apos;%1&apos; (%2) dari pool?

Droplet-nya di DigitalOcean tidak disentuh; pool hanya berhenti memakai akun ini. Token terenkripsinya dihapus.</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Hapus akun</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; deleted</source>
        <translation>Akun &apos;%1&apos; dihapus</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is now the primary account</source>
        <translation>&apos;%1&apos; kini menjadi akun utama</translation>
    </message>
    <message>
        <source>&apos;%1&apos; activated</source>
        <translation>&apos;%1&apos; diaktifkan</translation>
    </message>
    <message>
        <source>&apos;%1&apos; deactivated: no new droplets go there</source>
        <translation>&apos;%1&apos; dinonaktifkan: tidak ada droplet baru yang masuk ke sana</translation>
    </message>
    <message>
        <source>Sync of &apos;%1&apos;</source>
        <translation>Sinkronisasi &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Health check of &apos;%1&apos;</source>
        <translation>Pemeriksaan kesehatan &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Health check of all accounts</source>
        <translation>Pemeriksaan kesehatan semua akun</translation>
    </message>
    <message>
        <source>Droplet %1 created for order %2</source>
        <translation>Droplet %1 dibuat untuk pesanan %2</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN is not set</source>
        <translation>DO_ACCESS_TOKEN tidak diset</translation>
    </message>
    <message>
        <source>Verifying DO_ACCESS_TOKEN with DigitalOcean…</source>
        <translation>Memverifikasi DO_ACCESS_TOKEN dengan DigitalOcean…</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN: %1</source>
        <translation>DO_ACCESS_TOKEN: %1</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN imported as primary account &apos;%1&apos;</source>
        <translation>DO_ACCESS_TOKEN diimpor sebagai akun utama &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Shared pool state</source>
        <translation>Status pool bersama</translation>
    </message>
    <message>
        <source>this desktop</source>
        <translation>desktop ini</translation>
    </message>
    <message numerus="yes">
        <source>Shared pool: %n instance(s) online, rounds run by %1</source>
        <translation>
            <numerusform>Pool bersama: %n instans online, putaran dijalankan oleh %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Several desktops and dopool-cli serve daemons use this database. Scheduled syncs and health checks run on one of them at a time (now: %1); changes by any of them appear here within seconds.
This desktop: %2</source>
        <translation>Beberapa desktop dan daemon dopool-cli serve memakai database ini. Sinkronisasi dan pemeriksaan kesehatan terjadwal berjalan di salah satunya pada satu waktu (sekarang: %1); perubahan oleh siapa pun muncul di sini dalam hitungan detik.
Desktop ini: %2</translation>
    </message>
    <message>
        <source>Order %1 already has its droplet; nothing was created</source>
        <translation>Pesanan %1 sudah memiliki droplet-nya; tidak ada yang dibuat</translation>
    </message>
    <message>
        <source>Pool history</source>
        <translation>Riwayat pool</translation>
    </message>
    <message>
        <source>Could not open the user guide (%1)</source>
        <translation>Tidak dapat membuka panduan pengguna (%1)</translation>
    </message>
    <message>
        <source>no copy found</source>
        <translation>tidak ada salinan yang ditemukan</translation>
    </message>
    <message>
        <source>Opened the user guide: %1</source>
        <translation>Panduan pengguna dibuka: %1</translation>
    </message>
    <message>
        <source>That account is no longer in the pool</source>
        <translation>Akun itu sudah tidak ada di pool</translation>
    </message>
</context>
<context>
    <name>dopool::ui::OrderTableModel</name>
    <message>
        <source>queued</source>
        <translation>dalam antrean</translation>
    </message>
    <message>
        <source>waiting for capacity</source>
        <translation>menunggu kapasitas</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>sedang diproses</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>belum pasti</translation>
    </message>
    <message>
        <source>created</source>
        <translation>dibuat</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <source>unknown status</source>
        <translation>status tidak dikenal</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>%1 (extra)</source>
        <translation>%1 (tambahan)</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>tidak dikenal: %1</translation>
    </message>
    <message>
        <source>Queued: no instance has claimed it yet</source>
        <translation>Dalam antrean: belum diambil instans mana pun</translation>
    </message>
    <message>
        <source>Waiting for capacity: %1
Tried again when capacity appears, or at %2</source>
        <translation>Menunggu kapasitas: %1
Dicoba lagi begitu ada kapasitas, atau pada %2</translation>
    </message>
    <message>
        <source>Waiting for capacity: %1</source>
        <translation>Menunggu kapasitas: %1</translation>
    </message>
    <message>
        <source>Provisioned by the order-service itself: dopool leaves it alone</source>
        <translation>Disediakan oleh order-service sendiri: dopool tidak menyentuhnya</translation>
    </message>
    <message>
        <source>Claimed by %1</source>
        <translation>Diambil oleh %1</translation>
    </message>
    <message>
        <source>Region %1, size %2, image %3 (an empty one is the pool&apos;s default)</source>
        <translation>Region %1, ukuran %2, image %3 (yang kosong memakai bawaan pool)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>bawaan</translation>
    </message>
    <message>
        <source>Queued %1
Last changed %2</source>
        <translation>Masuk antrean %1
Terakhir diubah %2</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Droplet ID</source>
        <translation>ID droplet</translation>
    </message>
    <message>
        <source>Droplet name</source>
        <translation>Nama droplet</translation>
    </message>
    <message>
        <source>Region / size / image</source>
        <translation>Region / ukuran / image</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Error or reason</source>
        <translation>Galat atau alasan</translation>
    </message>
</context>
<context>
    <name>dopool::ui::OrdersController</name>
    <message>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>Order queue</source>
        <translation>Antrean pesanan</translation>
    </message>
    <message>
        <source>Queueing order %1 again…</source>
        <translation>Memasukkan pesanan %1 ke antrean lagi…</translation>
    </message>
    <message>
        <source>Order %1 is queued again</source>
        <translation>Pesanan %1 masuk antrean lagi</translation>
    </message>
    <message>
        <source>Cancel Order</source>
        <translation>Batalkan Pesanan</translation>
    </message>
    <message>
        <source>Cancel order %1? It will not be provisioned; Retry queues it again.</source>
        <translation>Batalkan pesanan %1? Pesanan ini tidak akan disediakan; Coba lagi memasukkannya ke antrean lagi.</translation>
    </message>
    <message>
        <source>Order %1 was not cancelled: %2</source>
        <translation>Pesanan %1 tidak dibatalkan: %2</translation>
    </message>
    <message>
        <source>Order %1 cancelled</source>
        <translation>Pesanan %1 dibatalkan</translation>
    </message>
    <message>
        <source>The oldest queued order came in %1. View → Orders (%2)</source>
        <translation>Pesanan tertua dalam antrean masuk %1. Tampilan → Pesanan (%2)</translation>
    </message>
</context>
<context>
    <name>dopool::ui::OrdersView</name>
    <message>
        <source>Show orders with status</source>
        <translation>Tampilkan pesanan berstatus</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Se&amp;garkan</translation>
    </message>
    <message>
        <source>Reload the orders</source>
        <translation>Muat ulang pesanan</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>Orders status message</source>
        <translation>Pesan status pesanan</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Coba &amp;lagi</translation>
    </message>
    <message>
        <source>Retry the selected order</source>
        <translation>Coba lagi pesanan yang dipilih</translation>
    </message>
    <message>
        <source>Queue a failed or cancelled order again</source>
        <translation>Masukkan lagi pesanan yang gagal atau dibatalkan ke antrean</translation>
    </message>
    <message>
        <source>&amp;Cancel Order</source>
        <translation>Bata&amp;lkan Pesanan</translation>
    </message>
    <message>
        <source>Cancel the selected order</source>
        <translation>Batalkan pesanan yang dipilih</translation>
    </message>
    <message>
        <source>Cancel a queued or waiting order that no instance has claimed</source>
        <translation>Batalkan pesanan dalam antrean atau yang menunggu, selama belum diambil instans mana pun</translation>
    </message>
    <message>
        <source>Show the selected order&apos;s account</source>
        <translation>Tampilkan akun pesanan yang dipilih</translation>
    </message>
    <message>
        <source>Could not read the orders: %1</source>
        <translation>Tidak dapat membaca pesanan: %1</translation>
    </message>
    <message>
        <source>Show Acc&amp;ount</source>
        <translation>Tampilkan Ak&amp;un</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>Pesanan: %1</translation>
    </message>
    <message>
        <source>Orders: %1 of %2</source>
        <translation>Pesanan: %1 dari %2</translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolActions</name>
    <message>
        <source>&amp;Add Account…</source>
        <translation>&amp;Tambah Akun…</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Tambah akun</translation>
    </message>
    <message>
        <source>&amp;Edit Account…</source>
        <translation>&amp;Sunting Akun…</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>Sunting akun</translation>
    </message>
    <message>
        <source>&amp;Delete Account…</source>
        <translation>&amp;Hapus Akun…</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Hapus akun</translation>
    </message>
    <message>
        <source>Set as &amp;Primary</source>
        <translation>Jadikan &amp;Utama</translation>
    </message>
    <message>
        <source>Set as primary account</source>
        <translation>Jadikan akun utama</translation>
    </message>
    <message>
        <source>De&amp;activate</source>
        <translation>&amp;Nonaktifkan</translation>
    </message>
    <message>
        <source>Activate or deactivate account</source>
        <translation>Aktifkan atau nonaktifkan akun</translation>
    </message>
    <message>
        <source>Account &amp;Details</source>
        <translation>&amp;Detail Akun</translation>
    </message>
    <message>
        <source>Show account details</source>
        <translation>Tampilkan detail akun</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>Sin&amp;kronkan</translation>
    </message>
    <message>
        <source>Sync selected account</source>
        <translation>Sinkronkan akun yang dipilih</translation>
    </message>
    <message>
        <source>Sync &amp;All</source>
        <translation>Sinkronkan Se&amp;mua</translation>
    </message>
    <message>
        <source>Sync all accounts</source>
        <translation>Sinkronkan semua akun</translation>
    </message>
    <message>
        <source>Check &amp;Health</source>
        <translation>&amp;Periksa Kesehatan</translation>
    </message>
    <message>
        <source>Check health of selected account</source>
        <translation>Periksa kesehatan akun yang dipilih</translation>
    </message>
    <message>
        <source>Check Health of All</source>
        <translation>Periksa Kesehatan Semua</translation>
    </message>
    <message>
        <source>Check health of all accounts</source>
        <translation>Periksa kesehatan semua akun</translation>
    </message>
    <message>
        <source>&amp;Provision Droplet…</source>
        <translation>Sediakan D&amp;roplet…</translation>
    </message>
    <message>
        <source>Provision a droplet</source>
        <translation>Sediakan droplet</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Pen&amp;gaturan…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>K&amp;eluar</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>&amp;Aktifkan</translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>A&amp;kun</translation>
    </message>
    <message>
        <source>Audit &amp;Log…</source>
        <translation>&amp;Log Audit…</translation>
    </message>
    <message>
        <source>Show the audit log</source>
        <translation>Tampilkan log audit</translation>
    </message>
    <message>
        <source>Pool &amp;Key…</source>
        <translation>&amp;Kunci Pool…</translation>
    </message>
    <message>
        <source>Pool key: fingerprint, export, import</source>
        <translation>Kunci pool: sidik jari, ekspor, impor</translation>
    </message>
    <message>
        <source>Pool &amp;History</source>
        <translation>&amp;Riwayat Pool</translation>
    </message>
    <message>
        <source>Show the pool&apos;s capacity over time</source>
        <translation>Tampilkan kapasitas pool dari waktu ke waktu</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>&amp;Panduan Pengguna</translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation>Buka panduan pengguna</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>Pintasan &amp;Keyboard</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>Daftar pintasan keyboard</translation>
    </message>
    <message>
        <source>&amp;About DO Account Pool</source>
        <translation>&amp;Tentang DO Account Pool</translation>
    </message>
    <message>
        <source>About DO Account Pool</source>
        <translation>Tentang DO Account Pool</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Pesanan</translation>
    </message>
    <message>
        <source>Show the order queue</source>
        <translation>Tampilkan antrean pesanan</translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolCapacityBar</name>
    <message>
        <source>Pool capacity</source>
        <translation>Kapasitas pool</translation>
    </message>
    <message>
        <source>%1/%2 (%3%)</source>
        <translation>%1/%2 (%3%)</translation>
    </message>
    <message>
        <source>Pool capacity %1</source>
        <translation>Kapasitas pool %1</translation>
    </message>
    <message>
        <source>Droplets on active accounts / their droplet limits</source>
        <translation>Droplet di akun aktif / batas droplet-nya</translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolHistoryView</name>
    <message>
        <source>Show:</source>
        <translation>Tampilkan:</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Periode yang ditampilkan</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 jam terakhir</translation>
    </message>
    <message>
        <source>Last 3 days</source>
        <translation>3 hari terakhir</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Refresh the pool history</source>
        <translation>Muat ulang riwayat pool</translation>
    </message>
    <message>
        <source>Pool history summary</source>
        <translation>Ringkasan riwayat pool</translation>
    </message>
    <message>
        <source>Droplets in use</source>
        <translation>Droplet terpakai</translation>
    </message>
    <message>
        <source>Droplet limit</source>
        <translation>Batas droplet</translation>
    </message>
    <message>
        <source>Droplets</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <source>Pool capacity over time</source>
        <translation>Kapasitas pool dari waktu ke waktu</translation>
    </message>
    <message>
        <source>Pool history status</source>
        <translation>Status riwayat pool</translation>
    </message>
    <message>
        <source>Loading the pool history…</source>
        <translation>Memuat riwayat pool…</translation>
    </message>
    <message>
        <source>Could not load the pool history: %1</source>
        <translation>Tidak dapat memuat riwayat pool: %1</translation>
    </message>
    <message>
        <source>Threshold (%1 %)</source>
        <translation>Ambang (%1 %)</translation>
    </message>
    <message>
        <source>Not enough history in this period yet: the pool&apos;s capacity is recorded at every sync.</source>
        <translation>Riwayat pada periode ini belum cukup: kapasitas pool dicatat pada setiap sinkronisasi.</translation>
    </message>
    <message>
        <source>Now %1 of %2 droplets in use (%3 %); the threshold is %4 %.</source>
        <translation>Saat ini %1 dari %2 droplet terpakai (%3 %); ambangnya %4 %.</translation>
    </message>
    <message>
        <source>The pool is over the threshold: add an account or raise a limit.</source>
        <translation>Pool sudah melewati ambang: tambahkan akun atau naikkan batas.</translation>
    </message>
    <message numerus="yes">
        <source>Growing as in this period, it reaches the threshold in about %n day(s).</source>
        <translation>
            <numerusform>Jika bertambah seperti pada periode ini, pool mencapai ambang dalam sekitar %n hari.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use did not grow in this period.</source>
        <translation>Pemakaian tidak bertambah pada periode ini.</translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolKeyBox</name>
    <message>
        <source>Export the pool key</source>
        <translation>Ekspor kunci pool</translation>
    </message>
    <message>
        <source>Key files (*.txt *.key);;All files (*)</source>
        <translation>Berkas kunci (*.txt *.key);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Import a pool key</source>
        <translation>Impor kunci pool</translation>
    </message>
    <message>
        <source>Pool key</source>
        <translation>Kunci pool</translation>
    </message>
    <message>
        <source>Pool key fingerprint</source>
        <translation>Sidik jari kunci pool</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;kspor…</translation>
    </message>
    <message>
        <source>Export the pool key to a new file</source>
        <translation>Ekspor kunci pool ke berkas baru</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>I&amp;mpor…</translation>
    </message>
    <message>
        <source>Import the pool key from a file</source>
        <translation>Impor kunci pool dari berkas</translation>
    </message>
    <message>
        <source>Pool key status</source>
        <translation>Status kunci pool</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Sidik jari:</translation>
    </message>
    <message>
        <source>Keep an exported copy offline (a password manager): without the key no token of this pool can be read. The order-service needs it as ENCRYPTION_KEY.</source>
        <translation>Simpan salinan hasil ekspor secara offline (pengelola kata sandi): tanpa kunci, tidak ada token pool ini yang dapat dibaca. Order-service memerlukannya sebagai ENCRYPTION_KEY.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
    <message>
        <source>Wrote the key %1 to %2 (readable by you only).</source>
        <translation>Kunci %1 ditulis ke %2 (hanya dapat dibaca oleh Anda).</translation>
    </message>
    <message>
        <source>Imported the key %1 into the OS keychain.</source>
        <translation>Kunci %1 diimpor ke keychain OS.</translation>
    </message>
</context>
<context>
    <name>dopool::ui::PoolKeyDialog</name>
    <message>
        <source>Pool Key</source>
        <translation>Kunci Pool</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>dopool::ui::ProvisionDialog</name>
    <message>
        <source>Provision a droplet</source>
        <translation>Sediakan droplet</translation>
    </message>
    <message>
        <source>Droplet</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <source>Order ID message</source>
        <translation>Pesan ID pesanan</translation>
    </message>
    <message>
        <source>&amp;Order ID:</source>
        <translation>ID &amp;pesanan:</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>ID pesanan</translation>
    </message>
    <message>
        <source>The order this droplet is for</source>
        <translation>Pesanan yang dilayani droplet ini</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Ukuran:</translation>
    </message>
    <message>
        <source>Droplet fields message</source>
        <translation>Pesan isian droplet</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>Which account</source>
        <translation>Akun mana</translation>
    </message>
    <message>
        <source>Account preview status</source>
        <translation>Status pratinjau akun</translation>
    </message>
    <message>
        <source>Chosen account</source>
        <translation>Akun terpilih</translation>
    </message>
    <message>
        <source>Chosen account capacity</source>
        <translation>Kapasitas akun terpilih</translation>
    </message>
    <message>
        <source>Why this account</source>
        <translation>Alasan akun ini</translation>
    </message>
    <message>
        <source>Skipped accounts</source>
        <translation>Akun yang dilewati</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Periksa lagi</translation>
    </message>
    <message>
        <source>Check which account again</source>
        <translation>Periksa lagi akun mana yang dipakai</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Akun:</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>Kapasitas:</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Dilewati:</translation>
    </message>
    <message>
        <source>A preview only: the account is chosen again, with live capacity, when provisioning starts.</source>
        <translation>Hanya pratinjau: akun dipilih ulang, dengan kapasitas terkini, saat penyediaan dimulai.</translation>
    </message>
    <message>
        <source>Provisioning progress</source>
        <translation>Kemajuan penyediaan</translation>
    </message>
    <message>
        <source>Provisioning outcome</source>
        <translation>Hasil penyediaan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>&amp;Provision</source>
        <translation>&amp;Sediakan</translation>
    </message>
    <message>
        <source>Provision droplet</source>
        <translation>Sediakan droplet</translation>
    </message>
    <message>
        <source>Checking which account would be used…</source>
        <translation>Memeriksa akun mana yang akan dipakai…</translation>
    </message>
    <message>
        <source>%1 (primary)</source>
        <translation>%1 (utama)</translation>
    </message>
    <message>
        <source>%1/%2 droplets used, %3 free</source>
        <translation>%1/%2 droplet terpakai, %3 kosong</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Tidak ada</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Memulai…</translation>
    </message>
    <message>
        <source>In progress: choosing an account, attempt %1</source>
        <translation>Sedang berjalan: memilih akun, percobaan %1</translation>
    </message>
    <message>
        <source>In progress on account %1, attempt %2</source>
        <translation>Sedang berjalan di akun %1, percobaan %2</translation>
    </message>
    <message>
        <source>Droplet %1 created on account %2 for order %3.</source>
        <translation>Droplet %1 dibuat di akun %2 untuk pesanan %3.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Catatan: %1</translation>
    </message>
    <message>
        <source>Provisioning failed: %1</source>
        <translation>Penyediaan gagal: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>tanpa alasan</translation>
    </message>
    <message>
        <source>The order ID is required.</source>
        <translation>ID pesanan wajib diisi.</translation>
    </message>
    <message>
        <source>The order ID is %1 characters long; at most %2 are allowed.</source>
        <translation>ID pesanan sepanjang %1 karakter; paling banyak %2 yang diizinkan.</translation>
    </message>
    <message>
        <source>Region, size and image are required.</source>
        <translation>Region, ukuran, dan image wajib diisi.</translation>
    </message>
    <message>
        <source>Provisioning…</source>
        <translation>Menyediakan…</translation>
    </message>
    <message>
        <source>&amp;Wait until the droplet is active</source>
        <translation>&amp;Tunggu sampai droplet aktif</translation>
    </message>
    <message>
        <source>Wait until the droplet is active</source>
        <translation>Tunggu sampai droplet aktif</translation>
    </message>
    <message>
        <source>Create &amp;another droplet if the order has one</source>
        <translation>Buat droplet l&amp;ain bila pesanan sudah memilikinya</translation>
    </message>
    <message>
        <source>Create another droplet if the order has one</source>
        <translation>Buat droplet lain bila pesanan sudah memilikinya</translation>
    </message>
    <message>
        <source>Without this, an order that already has a droplet (or one being created) gets that one back and nothing is created.</source>
        <translation>Tanpa ini, pesanan yang sudah memiliki droplet (atau yang sedang dibuat) mendapatkan droplet itu kembali dan tidak ada yang dibuat.</translation>
    </message>
    <message>
        <source>No clear answer from DigitalOcean on account %1: looking for the droplet before anything else is tried…</source>
        <translation>Tidak ada jawaban jelas dari DigitalOcean di akun %1: droplet dicari dulu sebelum mencoba hal lain…</translation>
    </message>
    <message>
        <source>DigitalOcean is still setting it up (status &quot;%1&quot;).</source>
        <translation>DigitalOcean masih menyiapkannya (status &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>Order %1 already has droplet %2 on account %3; nothing was created. Tick &quot;Create another&quot; for a second one.</source>
        <translation>Pesanan %1 sudah memiliki droplet %2 di akun %3; tidak ada yang dibuat. Centang &quot;Buat droplet lain&quot; untuk droplet kedua.</translation>
    </message>
    <message>
        <source>Order %1 already has a droplet being created (task %2); nothing else was created.</source>
        <translation>Pesanan %1 sudah memiliki droplet yang sedang dibuat (tugas %2); tidak ada lagi yang dibuat.</translation>
    </message>
    <message>
        <source>This order has its droplet; enter another order ID, or tick &quot;Create another&quot; for a second one.</source>
        <translation>Pesanan ini sudah memiliki droplet; masukkan ID pesanan lain, atau centang &quot;Buat droplet lain&quot; untuk droplet kedua.</translation>
    </message>
    <message>
        <source>Catalogue note</source>
        <translation>Catatan katalog</translation>
    </message>
    <message>
        <source>Loading DigitalOcean&apos;s regions, sizes and images…</source>
        <translation>Memuat region, ukuran, dan image DigitalOcean…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Load DigitalOcean&apos;s lists again</source>
        <translation>Muat ulang daftar DigitalOcean</translation>
    </message>
    <message>
        <source>DigitalOcean&apos;s lists could not be loaded, so type the slugs (%1).</source>
        <translation>Daftar DigitalOcean tidak dapat dimuat, jadi ketik slug-nya (%1).</translation>
    </message>
</context>
<context>
    <name>dopool::ui::RelativeTime</name>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n menit lalu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n jam lalu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n hari lalu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopool::ui::SettingsDialog</name>
    <message>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Sync and selection</source>
        <translation>Sinkronisasi dan pemilihan</translation>
    </message>
    <message>
        <source>Sync interval in seconds</source>
        <translation>Interval sinkronisasi dalam detik</translation>
    </message>
    <message>
        <source>Health check interval in seconds</source>
        <translation>Interval pemeriksaan kesehatan dalam detik</translation>
    </message>
    <message>
        <source>Account selection policy</source>
        <translation>Kebijakan pemilihan akun</translation>
    </message>
    <message>
        <source>Plan order (primary first)</source>
        <translation>Urutan rencana (utama lebih dulu)</translation>
    </message>
    <message>
        <source>Least utilised first</source>
        <translation>Utilisasi terendah lebih dulu</translation>
    </message>
    <message>
        <source>S&amp;ync every:</source>
        <translation>Sin&amp;kronkan setiap:</translation>
    </message>
    <message>
        <source>&amp;Check health every:</source>
        <translation>&amp;Periksa kesehatan setiap:</translation>
    </message>
    <message>
        <source>Choose &amp;accounts by:</source>
        <translation>Pilih &amp;akun menurut:</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Pool utilisation alert threshold in percent</source>
        <translation>Ambang peringatan utilisasi pool dalam persen</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Tampilkan notifikasi desktop</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>Notifikasi desktop</translation>
    </message>
    <message>
        <source>Alert webhook URL</source>
        <translation>URL webhook peringatan</translation>
    </message>
    <message>
        <source>Empty: no webhook</source>
        <translation>Kosong: tanpa webhook</translation>
    </message>
    <message>
        <source>Alert when the pool is &amp;over:</source>
        <translation>Peringatkan bila pool &amp;melewati:</translation>
    </message>
    <message>
        <source>&amp;Webhook URL:</source>
        <translation>URL &amp;webhook:</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>URL database</translation>
    </message>
    <message>
        <source>Empty: the default SQLite file</source>
        <translation>Kosong: file SQLite bawaan</translation>
    </message>
    <message>
        <source>sqlite:/path/to/pool.sqlite or postgresql://user@host:port/database</source>
        <translation>sqlite:/path/to/pool.sqlite atau postgresql://user@host:port/database</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>U&amp;ji koneksi</translation>
    </message>
    <message>
        <source>Test database connection</source>
        <translation>Uji koneksi database</translation>
    </message>
    <message>
        <source>Database connection status</source>
        <translation>Status koneksi database</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>sqlite:/path/to/pool.sqlite or postgresql://user@host:5432/database. No password here: PostgreSQL takes it from PGPASSWORD, ~/.pgpass or the keychain. A changed database must be tested before saving; it is used after a restart.</source>
        <translation>sqlite:/path/to/pool.sqlite atau postgresql://user@host:5432/database. Jangan isi kata sandi di sini: PostgreSQL mengambilnya dari PGPASSWORD, ~/.pgpass, atau keychain. Database yang diubah harus diuji sebelum disimpan; database itu dipakai setelah mulai ulang.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Bahasa sistem</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Bahasa:</translation>
    </message>
    <message>
        <source>A language change applies after a restart.</source>
        <translation>Perubahan bahasa berlaku setelah mulai ulang.</translation>
    </message>
    <message>
        <source>Settings validation message</source>
        <translation>Pesan validasi pengaturan</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Simpan pengaturan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Test the connection before saving.</source>
        <translation>Uji koneksi sebelum menyimpan.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Menghubungkan…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <source>&amp;Provision queued orders from this desktop</source>
        <translation>&amp;Sediakan pesanan dalam antrean dari desktop ini</translation>
    </message>
    <message>
        <source>Provision queued orders from this desktop</source>
        <translation>Sediakan pesanan dalam antrean dari desktop ini</translation>
    </message>
    <message>
        <source>Off: this desktop shows the order queue and acts on it only when you ask; dopool-cli serve provisions the orders. Turn it on only on a machine that stays on and online.</source>
        <translation>Mati: desktop ini menampilkan antrean pesanan dan bertindak hanya bila Anda minta; dopool-cli serve yang menyediakan pesanannya. Nyalakan hanya di mesin yang selalu menyala dan online.</translation>
    </message>
</context>
<context>
    <name>dopool::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Pintasan Keyboard</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>These work wherever the focus is in the main window.</source>
        <translation>Pintasan ini berfungsi di mana pun fokus berada di jendela utama.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Fungsinya</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>dopool::ui::StatusColours</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>dopool::ui::SyncRunner</name>
    <message>
        <source>Sync progress</source>
        <translation>Kemajuan sinkronisasi</translation>
    </message>
    <message>
        <source>%v/%m</source>
        <translation>%v/%m</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n account(s) done</source>
        <translation>
            <numerusform>%1: %n akun selesai</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 account(s), %3 failed (see the Last error column)</source>
        <translation>%1: %2 akun, %3 gagal (lihat kolom Galat terakhir)</translation>
    </message>
</context>
<context>
    <name>dopool::ui::TrayController</name>
    <message>
        <source>&amp;Open DO Account Pool</source>
        <translation>&amp;Buka DO Account Pool</translation>
    </message>
    <message>
        <source>&amp;Sync All</source>
        <translation>Sinkronkan &amp;Semua</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>K&amp;eluar</translation>
    </message>
    <message>
        <source>DO Account Pool: no accounts yet</source>
        <translation>DO Account Pool: belum ada akun</translation>
    </message>
    <message>
        <source>DO Account Pool: %1/%2 droplets (%3%), %4 usable account(s)</source>
        <translation>DO Account Pool: %1/%2 droplet (%3%), %4 akun dapat dipakai</translation>
    </message>
    <message>
        <source>DO Account Pool: critical</source>
        <translation>DO Account Pool: kritis</translation>
    </message>
    <message>
        <source>DO Account Pool</source>
        <translation>DO Account Pool</translation>
    </message>
</context>
<context>
    <name>dopool::ui::WelcomePanel</name>
    <message>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <source>Welcome to DO Account Pool</source>
        <translation>Selamat datang di DO Account Pool</translation>
    </message>
    <message>
        <source>The pool is empty. Add the DigitalOcean accounts your droplets should go to: each needs a name and a personal access token with read and write scope. The token is checked with DigitalOcean, then stored encrypted; it is never shown again.

Coming from the single-token setup? If DO_ACCESS_TOKEN is set in this program&apos;s environment, import it as the primary account (the same as `dopool-cli import-env`).</source>
        <translation>Pool masih kosong. Tambahkan akun DigitalOcean tujuan droplet Anda: masing-masing memerlukan nama dan personal access token dengan scope baca dan tulis. Token diperiksa dengan DigitalOcean, lalu disimpan terenkripsi; token tidak pernah ditampilkan lagi.

Beralih dari penyiapan satu token? Jika DO_ACCESS_TOKEN diset di lingkungan program ini, impor sebagai akun utama (sama dengan `dopool-cli import-env`).</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Tambah akun…</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Tambah akun</translation>
    </message>
    <message>
        <source>&amp;Import DO_ACCESS_TOKEN</source>
        <translation>&amp;Impor DO_ACCESS_TOKEN</translation>
    </message>
    <message>
        <source>Import DO_ACCESS_TOKEN as the primary account</source>
        <translation>Impor DO_ACCESS_TOKEN sebagai akun utama</translation>
    </message>
    <message>
        <source>Verify the token with DigitalOcean and add it as the primary account</source>
        <translation>Verifikasi token dengan DigitalOcean dan tambahkan sebagai akun utama</translation>
    </message>
    <message>
        <source>DO_ACCESS_TOKEN is not set</source>
        <translation>DO_ACCESS_TOKEN tidak diset</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Pulihkan dari cadangan…</translation>
    </message>
    <message>
        <source>Restore the pool from a backup file</source>
        <translation>Pulihkan pool dari berkas cadangan</translation>
    </message>
    <message>
        <source>Load a backup that dopool-cli backup or Pool → Back Up… wrote into this empty pool (it needs the backup&apos;s pool key)</source>
        <translation>Muat cadangan yang ditulis oleh dopool-cli backup atau Pool → Cadangkan… ke pool kosong ini (memerlukan kunci pool dari cadangan tersebut)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DO Account Pool: DigitalOcean accounts as one pool.</source>
        <translation>DO Account Pool: akun-akun DigitalOcean sebagai satu pool.</translation>
    </message>
    <message>
        <source>Pool database: sqlite:PATH or postgresql://user@host:port/db (default: DOPOOL_DB, then Settings, then a SQLite file).</source>
        <translation>Database pool: sqlite:PATH atau postgresql://user@host:port/db (bawaan: DOPOOL_DB, lalu Pengaturan, lalu sebuah file SQLite).</translation>
    </message>
    <message>
        <source>DigitalOcean API base URL (default: DOPOOL_API_BASE, then https://api.digitalocean.com).</source>
        <translation>URL dasar API DigitalOcean (bawaan: DOPOOL_API_BASE, lalu https://api.digitalocean.com).</translation>
    </message>
    <message>
        <source>Demo: a throwaway pool on the built-in fake DigitalOcean API with three accounts.</source>
        <translation>Demo: pool sekali pakai pada API DigitalOcean tiruan bawaan dengan tiga akun.</translation>
    </message>
    <message>
        <source>Quit after N milliseconds (smoke tests).</source>
        <translation>Keluar setelah N milidetik (uji asap).</translation>
    </message>
</context>
</TS>
