// Stands in for dopool-cli in tst_clirunner: behaves as argv[1] says, so the test runner's
// handling of each way a child can end is checked against a real process.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";
    if (std::strcmp(how, "abort") == 0) {
        std::fputs("about to abort\n", stderr);
        std::abort(); // what ASan's abort_on_error=1 does to a failing dopool-cli: SIGABRT
    }
    if (std::strcmp(how, "segv") == 0)
        std::raise(SIGSEGV);
    if (std::strcmp(how, "hang") == 0)
        std::this_thread::sleep_for(std::chrono::minutes(10));
    if (std::strcmp(how, "exit6") == 0)
        return 6; // the documented "key problem" exit code, reached normally
    return 0;
}
