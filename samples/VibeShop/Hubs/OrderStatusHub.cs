using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace VibeShop.Hubs;

// Pushes order status changes to the customer's open storefront tabs.
[Authorize]
public class OrderStatusHub : Hub
{
    public Task Follow(int orderId) => Groups.AddToGroupAsync(Context.ConnectionId, $"order-{orderId}");
}
