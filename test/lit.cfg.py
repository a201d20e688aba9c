# lit configuration for the resource-tidy test suite.
import os
import shlex
import shutil
import sys

import lit.formats

config.name = "resource-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".m", ".test"]
config.excludes = ["Inputs", "check_resource_tidy.py", "validate_rst.py", "mutate.py", "csmith_driver.py", "shapes_driver.py", "crashcheck.py", "summarize_lit.py", "validate_sarif.py", "lsp_session.py", "lit.cfg.py",
                   "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(
    os.path.dirname(config.resource_tidy_plugin), "..", "test")

# A sanitizer build (RESOURCE_TIDY_SANITIZE=ON): clang-tidy is not
# instrumented, so the ASan runtime is preloaded into every process the
# tests start; leaks are LLVM's business (it frees little at exit), memory
# errors and undefined behaviour in the plugin stop the process.
if getattr(config, "sanitizer_preload", ""):
    config.available_features.add("sanitizer")
    config.environment["LD_PRELOAD"] = config.sanitizer_preload
    config.environment["ASAN_OPTIONS"] = (
        "detect_leaks=0:alloc_dealloc_mismatch=0:detect_odr_violation=0:"
        "abort_on_error=1:verify_asan_link_order=0")
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

runner = os.path.join(config.test_source_root, "check_resource_tidy.py")
config.substitutions.append((
    "%check_resource_tidy",
    " ".join(shlex.quote(a) for a in [
        sys.executable, runner,
        "--clang-tidy=" + config.clang_tidy,
        "--plugin=" + config.resource_tidy_plugin,
        "--clang=" + config.clang,
        "--filecheck=" + config.filecheck,
    ])))
config.substitutions.append(("%clang_tidy", shlex.quote(config.clang_tidy)))
config.substitutions.append(("%plugin", shlex.quote(config.resource_tidy_plugin)))
# Before %resource_tidy, which is a prefix of it.
config.substitutions.append(("%resource_tidy_dir", shlex.quote(os.path.normpath(
    os.path.join(os.path.dirname(config.resource_tidy_plugin), "..", "bin")))))
config.substitutions.append(("%resource_tidy", shlex.quote(os.path.normpath(
    os.path.join(os.path.dirname(config.resource_tidy_plugin), "..", "bin",
                 "resource-tidy")))))
config.substitutions.append(("%clang_format", shlex.quote(os.path.join(
    os.path.dirname(config.clang_tidy), "clang-format"))))
config.substitutions.append(("%clang", shlex.quote(config.clang)))
config.substitutions.append(("%FileCheck", shlex.quote(config.filecheck)))
# `not` (inverts an exit status) sits next to FileCheck in every LLVM.
config.substitutions.append(
    ("%not", shlex.quote(os.path.join(os.path.dirname(config.filecheck), "not"))))
config.substitutions.append(("%python", shlex.quote(sys.executable)))
config.substitutions.append(("%llvm_version", config.llvm_version))
config.available_features.add("llvm-" + config.llvm_version)
if config.other_clang_tidy:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other_clang_tidy", shlex.quote(config.other_clang_tidy)))
    config.substitutions.append(("%other_version", config.other_version))
if config.sarif_schema and os.path.exists(config.sarif_schema):
    config.available_features.add("sarif-schema")
    config.substitutions.append(("%sarif_schema", shlex.quote(config.sarif_schema)))
source_root = os.path.dirname(config.test_source_root)
config.substitutions.append(("%source_root", shlex.quote(source_root)))
if shutil.which("pre-commit") and shutil.which("git") and \
        os.path.exists(os.path.join(source_root, ".git")):
    config.available_features.add("pre-commit")
if config.resource_clangd and os.path.exists(config.resource_clangd):
    config.available_features.add("resource-clangd")
    config.substitutions.append(("%resource_clangd", shlex.quote(config.resource_clangd)))
    config.substitutions.append(
        ("%with_resource_clangd", "--clangd=" + shlex.quote(config.resource_clangd)))
else:
    config.substitutions.append(("%with_resource_clangd", ""))
config.substitutions.append(("%tools_bindir", shlex.quote(os.path.normpath(
    os.path.join(os.path.dirname(config.resource_tidy_plugin), "..", "bin")))))
config.substitutions.append(("%build_dir", shlex.quote(os.path.normpath(
    os.path.join(os.path.dirname(config.resource_tidy_plugin), "..")))))
if shutil.which("dpkg-deb") and shutil.which("cpack"):
    config.available_features.add("dpkg")
if shutil.which("csmith") and os.path.exists("/usr/include/csmith/csmith.h"):
    config.available_features.add("csmith")
