// The AppImage file itself: where its SquashFS image starts, and extracting that image.
#pragma once

#include <stdint.h>

// The size of the ELF runtime at the start of the file at path, which is where the appended
// SquashFS image starts: the end of the furthest of the ELF header, the program and section
// header tables, the segments and the sections. -1 (and a message on stderr) when the file is
// not a 64-bit ELF file.
int64_t image_offset(const char *path);

// Writes the image's entries into dest (created when missing). With a pattern, only entries
// whose path (relative to the image's root, no leading "/") or one of whose parent directories
// matches it (fnmatch, no flags) are written, with the directories above them. Prints each
// written path when verbose. 0 on success, else -1 after a message on stderr.
int image_extract(const char *path, int64_t offset, const char *dest, const char *pattern,
                  int verbose);
