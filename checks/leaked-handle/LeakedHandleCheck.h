//===--- LeakedHandleCheck.h - resource-tidy ------------------------------===//

#ifndef RESOURCE_TIDY_LEAKEDHANDLECHECK_H
#define RESOURCE_TIDY_LEAKEDHANDLECHECK_H

#include "common/ResourceCheck.h"
#include "leaked-handle/LeakedHandleRule.h"
#include <set>
#include <string>

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::resource {

/// Finds handles (sockets, descriptors, FILE*, connections...) held by a
/// local whose last reference goes away while the handle may still be open.
///
/// For the user-facing documentation see:
/// docs/checks/resource/leaked-handle.rst
class LeakedHandleCheck : public ResourceCheck {
public:
  LeakedHandleCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  void checkFunction(const FunctionAnalysis &Analysis,
                     ASTContext &Ctx) override;
  void startTranslationUnit() override { Reported.clear(); }

private:
  void report(const LostHandle &Lost, const FunctionDecl &Function,
              const ParentMap &Parents, ASTContext &Ctx);
  /// Handle fields the class opens in its constructor and closes nowhere
  /// (UnreleasedFieldRule.h), reported at its destructor.
  void checkDestructor(const CXXDestructorDecl &Destructor);

  /// Also report handles open on only some of the paths that reach the
  /// point where they are lost.
  bool StrictMode = false;
  /// (location, storage) pairs already reported: template instantiations
  /// share source locations.
  std::set<std::pair<SourceLocation, std::string>> Reported;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_LEAKEDHANDLECHECK_H
