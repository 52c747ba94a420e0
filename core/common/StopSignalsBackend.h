#pragma once

#include "StopSignals.h"

// What StopSignals needs from the platform; StopSignals_posix.cpp or StopSignals_win.cpp
// (CMake builds the one for the target system).
namespace dopool::StopSignalsBackend {

// Installs the process's handlers so that every stop request reaches owner->deliver() in the
// owner's thread; false when they cannot be installed or already are.
bool install(StopSignals *owner, const StopSignals::ForcedExit &forcedExit);
// Removes them (the forced-exit deadline, once armed, stays: see StopSignals.h).
void uninstall();
// The event loop ran just now (for the deadline).
void beat();
// "signal 15", "console event 0 (Ctrl+C)".
QString describe(int request);

constexpr int kBeatMs = 500;
constexpr long long kStuckMs = 3000; // no beat for this long: the loop is held up

} // namespace dopool::StopSignalsBackend
