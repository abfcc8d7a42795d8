#include "app/error_json.hpp"

#include <boost/json.hpp>

namespace pim {

std::string error_json(int status, const std::string &message, const std::vector<Violation> &violations) {
    boost::json::array list;
    for (const auto &violation : violations)
        list.push_back(boost::json::object{{"path", violation.path}, {"message", violation.message}});
    return boost::json::serialize(boost::json::object{
        {"error", boost::json::object{{"status", status}, {"message", message}, {"violations", list}}}});
}

std::string error_json(const Error &error) {
    if (const auto *validation = dynamic_cast<const ValidationError *>(&error))
        return error_json(error.status(), error.what(), validation->violations());
    return error_json(error.status(), error.what());
}

}  // namespace pim
