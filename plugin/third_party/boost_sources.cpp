// Boost.JSON and Boost.URL compiled into the plugin, in their documented
// header-only mode, instead of linked as shared libraries: every pim-host
// command maps and binds each library the plugin needs, and Debian's static
// archives of these two are not position-independent.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
