using System.Security.Cryptography;
using System.Text;

namespace VibeShop.Services;

// Accounts imported from the old shop still carry its password hashes.
public static class LegacyPasswords
{
    public static bool Matches(string storedHash, string password) =>
        storedHash == Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(password)));
}
