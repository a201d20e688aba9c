//===--- LLVMCompat.h - resource-tidy -------------------------------------===//
//
// The only place that knows which LLVM it is built against (19 to 22). Code
// elsewhere uses APIs common to all supported versions.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_LLVMCOMPAT_H
#define RESOURCE_TIDY_LLVMCOMPAT_H

#include "llvm/Config/llvm-config.h"

// LLVM 22 moved the module registry into ClangTidyModule.h and deprecated
// ClangTidyModuleRegistry.h (which now emits a #warning).
#if LLVM_VERSION_MAJOR >= 22
#include "ClangTidyModule.h"
#else
#include "ClangTidyModuleRegistry.h"
#endif

#endif // RESOURCE_TIDY_LLVMCOMPAT_H
